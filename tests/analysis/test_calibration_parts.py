#!/usr/bin/python3
"""analysis/calibration_parts.py on a real calibration (the reference model, 20 particles): a
one-generation calibration kept with --keep-parts is packed, its parts and posterior deleted, the
archive unpacked, and --resume with two generations gives the posterior of an uninterrupted
two-generation calibration byte for byte (outside /provenance). Also: the stripped parts are much
smaller, and unpack refuses a directory that holds parts and an archive with a foreign member.

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


def calibration(dir, generations):
    """The reference calibration with its scenario path made absolute and `generations` generations."""
    text = open(CAL).read()
    text = text.replace('scenario = "../quickstart.toml"', f'scenario = "{os.path.join(ROOT, "scenarios", "quickstart.toml")}"')
    assert "max_generations = 2" in text, "quickstart_reference.toml changed: update this test"
    text = text.replace("max_generations = 2", f"max_generations = {generations}")
    path = os.path.join(dir, "cal.toml")
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
    print("calibration_parts: pack, unpack, resume: OK")


if __name__ == "__main__":
    main(sys.argv[1])
