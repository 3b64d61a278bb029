#!/usr/bin/python3
"""analysis/calibration_parts.py on a real calibration (the reference model, 20 particles): a
one-generation calibration kept with --keep-parts is packed, its parts and posterior deleted, the
archive unpacked, and --resume with two generations gives the posterior of an uninterrupted
two-generation calibration byte for byte (outside /provenance). Also: the stripped parts are much
smaller, and unpack refuses a directory that holds parts and an archive with a foreign member.
`interim` on a three-generation calibration's kept runs gives, byte for byte, the posterior of a
calibration whose budget is N, runs nothing, leaves the kept runs and the calibration file as they
were, and refuses a missing run, N beyond the kept runs, another build's parts and an existing output.

    /usr/bin/python3 tests/analysis/test_calibration_parts.py GOVSIM_BINARY
"""
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "analysis", "calibration_parts.py")
COMPARE = os.path.join(ROOT, "tests", "sim", "calibrate", "same_posterior.py")
CAL = os.path.join(ROOT, "scenarios", "calibrations", "quickstart_reference.toml")


def run(cmd, expect=0):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != expect:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r.stdout + r.stderr


def calibration(dir, generations, budget=None, name="cal.toml"):
    """The reference calibration with its scenario path made absolute, `generations` generations and,
    if given, a budget of `budget` runs."""
    text = open(CAL).read()
    text = text.replace('scenario = "../quickstart.toml"', f'scenario = "{os.path.join(ROOT, "scenarios", "quickstart.toml")}"')
    assert "max_generations = 2" in text, "quickstart_reference.toml changed: update this test"
    text = text.replace("max_generations = 2", f"max_generations = {generations}")
    if budget is not None:
        assert "max_simulations = 600" in text, "quickstart_reference.toml changed: update this test"
        text = text.replace("max_simulations = 600", f"max_simulations = {budget}")
    path = os.path.join(dir, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def main(govsim):
    with tempfile.TemporaryDirectory() as d:
        post, whole = os.path.join(d, "post.h5"), os.path.join(d, "whole.h5")
        cal = calibration(d, 1)
        run([govsim, "calibrate", cal, "-o", post, "--threads", "2", "--keep-parts", "-q"])
        parts = post + ".parts"
        full_bytes = sum(os.path.getsize(os.path.join(parts, p)) for p in os.listdir(parts))
        archive = os.path.join(d, "parts.tar.xz")
        out = run(["/usr/bin/python3", TOOL, "pack", cal, parts, archive])
        assert "packed 20 runs" in out, out
        with tarfile.open(archive) as tar:
            slim_bytes = sum(m.size for m in tar.getmembers())
        assert slim_bytes < full_bytes, (slim_bytes, full_bytes)
        # --keep NAME keeps a series no target reads (and only with --keep).
        first = sorted(p for p in os.listdir(parts) if p.startswith("run-"))[0]
        with h5py.File(os.path.join(parts, first), "r") as f:
            series = sorted(f["series/daily"].keys())
        with tarfile.open(archive) as tar, h5py.File(io.BytesIO(tar.extractfile(first).read()), "r") as f:
            dropped = [n for n in series if f"series/daily/{n}" not in f]
        assert dropped, "every series is a target: pick a calibration with fewer targets"
        kept = os.path.join(d, "kept.tar.xz")
        run(["/usr/bin/python3", TOOL, "pack", cal, parts, kept, "--keep", dropped[0]])
        with tarfile.open(kept) as tar, h5py.File(io.BytesIO(tar.extractfile(first).read()), "r") as f:
            assert f"series/daily/{dropped[0]}" in f, dropped[0]
            assert all(f"series/daily/{n}" not in f for n in dropped[1:]), dropped
        # A new machine: only the archive and the calibration file.
        shutil.rmtree(parts)
        os.remove(post)
        run(["/usr/bin/python3", TOOL, "unpack", archive, parts])
        err = run(["/usr/bin/python3", TOOL, "unpack", archive, parts], expect=1)
        assert "holds parts already" in err, err
        cal = calibration(d, 2)
        out = run([govsim, "calibrate", cal, "-o", post, "--threads", "2", "--resume"])
        assert "(40 run now, 20 resumed)" in out, "the stripped parts were not all resumed:\n" + out
        run([govsim, "calibrate", cal, "-o", whole, "--threads", "2", "-q"])
        print(run(["/usr/bin/python3", COMPARE, whole, post]).strip())
        # A foreign member is refused before anything is written.
        bad = os.path.join(d, "bad.tar.xz")
        with tarfile.open(bad, "w:xz") as tar:
            tar.add(cal, arcname="../evil.toml")
        err = run(["/usr/bin/python3", TOOL, "unpack", bad, os.path.join(d, "x.parts")], expect=1)
        assert "unexpected member '../evil.toml'" in err, err
        assert not os.path.exists(os.path.join(d, "x.parts"))
        err = run(["/usr/bin/python3", TOOL, "pack", cal, os.path.join(d, "nope"), archive], expect=1)
        assert "no such directory" in err, err
    check_interim(govsim)
    print("calibration_parts: pack, unpack, resume, interim: OK")


def listing(path):
    return sorted((p, os.path.getsize(os.path.join(path, p))) for p in os.listdir(path))


def check_interim(govsim):
    with tempfile.TemporaryDirectory() as d:
        cal = calibration(d, 3)
        post = os.path.join(d, "post.h5")
        run([govsim, "calibrate", cal, "-o", post, "--threads", "2", "--keep-parts", "-q"])
        parts = post + ".parts"
        kept = sum(1 for p in os.listdir(parts) if p.startswith("run-"))
        before, cal_text = listing(parts), open(cal).read()
        n = 45  # inside generation 2 (20 runs a generation at most 100 % acceptance): the last whole one is read
        assert 40 < n < kept, kept
        snap = os.path.join(d, "snap.h5")
        out = run(["/usr/bin/python3", TOOL, "interim", cal, parts, str(n), snap, "--govsim", govsim])
        assert f"(0 run now, {n} resumed)" in out, out
        assert listing(parts) == before and open(cal).read() == cal_text, "interim touched the calibration"
        assert sorted(os.listdir(d)) == ["cal.toml", "post.h5", "post.h5.parts", "snap.h5"], os.listdir(d)
        budget = os.path.join(d, "budget")
        os.mkdir(budget)
        whole = os.path.join(budget, "whole.h5")
        run([govsim, "calibrate", calibration(budget, 3, budget=n), "-o", whole, "--threads", "2", "-q"])
        print(run(["/usr/bin/python3", COMPARE, whole, snap]).strip())
        with h5py.File(snap, "r") as f:
            prov = f["provenance"].attrs
            assert prov["interim_runs"] == n and prov["interim_calibration_path"] == os.path.abspath(cal), dict(prov)
            assert "interim" in prov["interim_command"] and "first 45 kept runs" in prov["interim_note"], dict(prov)
        info = run([govsim, "info", snap])
        assert "NOT CONVERGED" in info, info
        # Refusals: nothing written.
        os.remove(snap)
        err = run(["/usr/bin/python3", TOOL, "interim", cal, parts, str(kept + 1), snap, "--govsim", govsim], expect=1)
        assert f"holds {kept} runs" in err, err
        err = run(["/usr/bin/python3", TOOL, "interim", cal, parts, "0", snap, "--govsim", govsim], expect=1)
        assert "at least 1" in err, err
        gap = os.path.join(d, "gap.parts")
        shutil.copytree(parts, gap)
        os.remove(os.path.join(gap, "run-000000007.h5"))
        err = run(["/usr/bin/python3", TOOL, "interim", cal, gap, "20", snap, "--govsim", govsim], expect=1)
        assert "first: run-000000007.h5" in err, err
        with h5py.File(os.path.join(gap, "run-000000000.h5"), "r+") as f:
            f.attrs["git_commit"] = "0123456789ab"
        err = run(["/usr/bin/python3", TOOL, "interim", cal, gap, "5", snap, "--govsim", govsim], expect=1)
        assert "written by the build of 0123456789ab" in err, err
        assert not os.path.exists(snap)
        # An existing output is replaced only with --force, and a failed replay leaves it as it was.
        with open(snap, "w") as f:
            f.write("an earlier file")
        err = run(["/usr/bin/python3", TOOL, "interim", cal, parts, "20", snap, "--govsim", govsim], expect=1)
        assert "snap.h5: exists; pass --force" in err, err
        broken = os.path.join(d, "broken.parts")
        shutil.copytree(parts, broken)
        with open(os.path.join(broken, "run-000000003.h5"), "w") as f:
            f.write("a truncated part")  # passes the tool's checks; the replay runs it again, which the tool refuses
        err = run(["/usr/bin/python3", TOOL, "interim", cal, broken, "5", snap, "--govsim", govsim, "--force"], expect=1)
        assert "ran new simulations" in err or "failed" in err, err
        assert open(snap).read() == "an earlier file", "a failed replay touched the existing output"
        out = run(["/usr/bin/python3", TOOL, "interim", cal, parts, "20", snap, "--govsim", govsim, "--force"])
        assert "(0 run now, 20 resumed)" in out and f"wrote {snap}" in out, out
        os.remove(snap)
        assert not [p for p in os.listdir(d) if p.startswith(".")], os.listdir(d)  # no temporary calibration file left


if __name__ == "__main__":
    main(sys.argv[1])
