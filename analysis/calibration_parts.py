#!/usr/bin/python3
"""Carries a calibration's finished runs (the kept `<posterior>.parts/` of `govsim calibrate
--keep-parts`) to another machine or session as one small archive, and puts them back.

    /usr/bin/python3 analysis/calibration_parts.py pack CAL.toml POST.h5.parts OUT.tar.xz [--keep NAME ...]
    /usr/bin/python3 analysis/calibration_parts.py unpack OUT.tar.xz POST.h5.parts
    /usr/bin/python3 analysis/calibration_parts.py interim CAL.toml POST.h5.parts N OUT.h5 [--govsim PATH] [--force]

Why: a full-scale calibration can take longer than one session on one machine, and a part is a whole
result file (about 0.9 MB for Zhejiang at full scale: every series by county and sector). The
calibration reads only its targets from a part, so `pack` keeps, in a copy of each part, the root
attributes, /provenance (the sweep hash and run index that `--resume` checks), /time, every
/summary/scalars value and every dataset named by a target of CAL.toml (inline `series` / `scalar`,
and a targets file's `maps_to` names: series, scalar, ratio, reduction), plus every series named by
`--keep` (for analyses of the runs beyond the fit, e.g. paper_repro/zhejiang_resumption_limit.py
reads n_counties_by_colour), and drops the rest. A
stripped part is read by `--resume` like a whole one: the same values, so the same posterior, byte
for byte (tests/analysis/test_calibration_parts.py checks it on the reference model).

`unpack` refuses to write into a directory that holds parts already, and refuses an archive member
that is not a part or the SWEEP_HASH file. Resume with the govsim build that wrote the parts (its
git commit is in every part; another build's parts are run again): docs/calibration.md, "Carrying a
calibration to another machine".

`interim` reads a calibration while it still runs (or one stopped early): the posterior it would have
written had its budget been N runs, from a copy of its first N kept runs, without running anything
and without touching the running calibration's parts or its calibration file. It replays
`govsim calibrate --resume` on a copy of CAL.toml whose `[calibration.stop] max_simulations` is N
(written beside CAL.toml, so its relative paths hold, and removed afterwards), so the result is the
posterior of the last generation finished within N runs, byte for byte what an uninterrupted
calibration with that budget writes (tested), and `govsim info OUT.h5` says NOT CONVERGED. It
refuses a govsim build other than the one that wrote the parts (that build would run them all again),
and replaces an existing OUT.h5 only with --force, and only when the replay succeeded.
"""
import argparse
import os
import re
import shutil
import shlex
import subprocess
import sys
import tarfile
import tempfile
import tomllib

import h5py

PART = re.compile(r"^run-\d{9}\.h5$")
HASH_FILE = "SWEEP_HASH"


def fail(msg):
    print(f"calibration_parts: error: {msg}", file=sys.stderr)
    sys.exit(1)


def load_toml(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as e:
        fail(f"{path}: cannot read: {e.strerror}")
    except tomllib.TOMLDecodeError as e:
        fail(f"{path}: not valid TOML: {e}")


def names_in(value, out):
    """Every string inside a maps_to table (strings, lists of strings, nested tables)."""
    if isinstance(value, str):
        out.add(value)
    elif isinstance(value, list):
        for v in value:
            names_in(v, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("scale", "month", "date"):
                names_in(v, out)


def target_names(cal_path):
    """Dataset names the calibration's targets read (inline targets and the targets file)."""
    cal = load_toml(cal_path)
    section = cal.get("calibration", {})
    names = set()
    for t in section.get("target", []):
        for key in ("series", "scalar"):
            if isinstance(t.get(key), str):
                names.add(t[key])
    targets = section.get("targets")
    if isinstance(targets, str):
        tpath = os.path.join(os.path.dirname(os.path.abspath(cal_path)), targets)
        for t in load_toml(tpath).get("target", []):
            names_in(t.get("maps_to", {}), names)
    if not names:
        fail(f"{cal_path}: no target names a series or scalar; is this a calibration file?")
    return names


def copy_attrs(src, dst):
    for k, v in src.attrs.items():
        dst.attrs[k] = v


def strip_part(src_path, dst_path, keep_names):
    """Writes the slim copy of one part; returns the number of datasets kept."""
    kept = 0
    with h5py.File(src_path, "r") as src, h5py.File(dst_path, "w") as dst:
        copy_attrs(src, dst)

        def wanted(name):
            top = name.split("/", 1)[0]
            if top in ("provenance", "time"):
                return True
            if name.startswith("summary/scalars/"):
                return True
            return name.rsplit("/", 1)[-1] in keep_names

        def visit(name, obj):
            nonlocal kept
            if isinstance(obj, h5py.Group):
                dst.require_group(name)
                copy_attrs(obj, dst[name])
            elif wanted(name):
                parent = name.rsplit("/", 1)[0] if "/" in name else "/"
                src.copy(obj, dst.require_group(parent), name=name.rsplit("/", 1)[-1])
                kept += 1

        src.visititems(visit)
    return kept


def pack(args):
    keep = target_names(args.calibration) | set(args.keep)
    if not os.path.isdir(args.parts):
        fail(f"{args.parts}: no such directory (run the calibration with --keep-parts)")
    if not os.path.isfile(os.path.join(args.parts, HASH_FILE)):
        fail(f"{args.parts}: no {HASH_FILE}: not the parts directory of a calibration")
    parts = sorted(p for p in os.listdir(args.parts) if PART.match(p))
    if not parts:
        fail(f"{args.parts}: no finished runs (run-NNNNNNNNN.h5)")
    out_dir = os.path.dirname(os.path.abspath(args.archive))
    fd, tmp = tempfile.mkstemp(prefix=".calibration_parts.", suffix=".tar.xz", dir=out_dir)
    os.close(fd)
    os.chmod(tmp, 0o644)
    try:
        with tempfile.TemporaryDirectory() as work, tarfile.open(tmp, "w:xz", preset=9) as tar:
            tar.add(os.path.join(args.parts, HASH_FILE), arcname=HASH_FILE)
            for p in parts:
                slim = os.path.join(work, p)
                try:
                    strip_part(os.path.join(args.parts, p), slim, keep)
                except OSError as e:
                    fail(f"{os.path.join(args.parts, p)}: not a readable part ({e}); remove it and pack again")
                tar.add(slim, arcname=p)
                os.remove(slim)
        os.replace(tmp, args.archive)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    size = os.path.getsize(args.archive)
    print(f"packed {len(parts)} runs into {args.archive} ({size / 1e6:.1f} MB); kept /provenance, /time, "
          f"/summary/scalars and {len(keep)} target or --keep names: {', '.join(sorted(keep)[:6])}"
          f"{' ...' if len(keep) > 6 else ''}")


def unpack(args):
    if os.path.isdir(args.parts) and any(PART.match(p) for p in os.listdir(args.parts)):
        fail(f"{args.parts}: holds parts already; unpack into a fresh directory")
    try:
        tar = tarfile.open(args.archive, "r:xz")
    except (OSError, tarfile.TarError) as e:
        fail(f"{args.archive}: not a packed calibration ({e})")
    with tar:
        members = tar.getmembers()
        for m in members:
            if not m.isfile() or not (PART.match(m.name) or m.name == HASH_FILE):
                fail(f"{args.archive}: unexpected member '{m.name}' (expected run-NNNNNNNNN.h5 and {HASH_FILE})")
        if not any(m.name == HASH_FILE for m in members):
            fail(f"{args.archive}: no {HASH_FILE}")
        os.makedirs(args.parts, exist_ok=True)
        for m in members:
            data = tar.extractfile(m).read()
            tmp = os.path.join(args.parts, "." + m.name + ".tmp")
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, os.path.join(args.parts, m.name))
    print(f"unpacked {len(members) - 1} runs into {args.parts}; continue with: govsim calibrate CAL.toml -o "
          f"{args.parts[:-len('.parts')] if args.parts.endswith('.parts') else 'POST.h5'} --resume --keep-parts")


def version_commit(govsim):
    """The git commit `govsim --version` names: 'govsim 0.1.0 (9121e69c3c60)'."""
    try:
        r = subprocess.run([govsim, "--version"], capture_output=True, text=True)
    except OSError as e:
        fail(f"{govsim}: cannot run: {e.strerror} (build it first, see README, or pass --govsim)")
    m = re.search(r"\(([0-9a-f]+(?:-dirty)?)\)", r.stdout)
    if r.returncode != 0 or not m:
        fail(f"{govsim}: `--version` printed no commit ({r.stdout.strip()!r})")
    return m.group(1)


def with_budget(text, n, path):
    """The calibration file's text with [calibration.stop] max_simulations = n."""
    line = re.compile(r"^([ \t]*max_simulations[ \t]*=[ \t]*)[0-9_]+", re.M)
    if line.search(text):
        out = line.sub(lambda m: m.group(1) + str(n), text, count=1)
    elif re.search(r"^[ \t]*\[calibration\.stop\][ \t]*(#.*)?$", text, re.M):
        out = re.sub(r"^([ \t]*\[calibration\.stop\][ \t]*(#.*)?)$", lambda m: m.group(1) + f"\nmax_simulations = {n}",
                     text, count=1, flags=re.M)
    else:
        out = text.rstrip("\n") + f"\n\n[calibration.stop]\nmax_simulations = {n}\n"
    try:
        got = tomllib.loads(out).get("calibration", {}).get("stop", {}).get("max_simulations")
    except tomllib.TOMLDecodeError as e:
        got = e
    if got != n:
        fail(f"{path}: could not set [calibration.stop] max_simulations = {n} in a copy of it ({got}); "
             "write the key on a line of its own")
    return out


def interim(args):
    n = args.runs
    if n < 1:
        fail(f"N = {n}: expected a number of runs of at least 1")
    if not os.path.isfile(args.calibration):
        fail(f"{args.calibration}: no such file (the calibration file of the running calibration)")
    if not os.path.isdir(args.parts) or not os.path.isfile(os.path.join(args.parts, HASH_FILE)):
        fail(f"{args.parts}: not the parts directory of a calibration (no {HASH_FILE}; run it with --keep-parts)")
    names = [f"run-{i:09d}.h5" for i in range(n)]
    missing = [p for p in names if not os.path.isfile(os.path.join(args.parts, p))]
    if missing:
        kept = sum(1 for p in os.listdir(args.parts) if PART.match(p))
        fail(f"{args.parts}: {len(missing)} of the first {n} runs are not finished (first: {missing[0]}); "
             f"it holds {kept} runs: choose N of at most the unbroken run count")
    try:
        with h5py.File(os.path.join(args.parts, names[0]), "r") as f:
            wrote = f.attrs["git_commit"]
    except (OSError, KeyError) as e:
        fail(f"{os.path.join(args.parts, names[0])}: not a readable part ({e})")
    wrote = wrote.decode() if isinstance(wrote, bytes) else str(wrote)
    have = version_commit(args.govsim)
    if have != wrote:
        fail(f"the parts were written by the build of {wrote}, {args.govsim} is {have}: it would run every part "
             f"again. Use the build of {wrote} (git worktree add --detach ../wt {wrote.split('-')[0]})")
    out = os.path.abspath(args.output)
    if os.path.exists(out) and not args.force:
        fail(f"{args.output}: exists; pass --force to replace it")
    if os.path.abspath(args.parts) == out + ".parts":
        fail(f"{args.output}: is the running calibration's own posterior; choose another output")
    cal_dir = os.path.dirname(os.path.abspath(args.calibration))
    with open(args.calibration, encoding="utf-8") as f:
        text = with_budget(f.read(), n, args.calibration)
    # The replay writes a hidden file beside the output, renamed over it only when it succeeded, so a
    # failure leaves no partial output and an earlier file as it was.
    tmp_out = os.path.join(os.path.dirname(out), f".{os.path.basename(out)}.interim-{os.getpid()}.h5")
    tmp_parts = tmp_out + ".parts"
    fd, tmp_cal = tempfile.mkstemp(prefix=f".{os.path.basename(args.calibration)}.interim-{n}.", suffix=".toml", dir=cal_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.makedirs(tmp_parts)
        for p in [HASH_FILE] + names:
            src, dst = os.path.join(args.parts, p), os.path.join(tmp_parts, p)
            try:
                os.link(src, dst)  # no copy of the bytes: the replay only reads a part
            except OSError:
                shutil.copyfile(src, dst)
        r = subprocess.run([args.govsim, "calibrate", tmp_cal, "-o", tmp_out, "--resume", "--threads", "1"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"govsim calibrate --resume failed (exit {r.returncode}):\n{r.stderr.strip()}")
        m = re.search(r"\((\d+) run now, (\d+) resumed\)", r.stdout)
        if not m or int(m.group(1)) != 0:
            fail(f"the replay ran new simulations or said nothing of them: {r.stdout.strip()!r}")
        # govsim's /provenance names the replay's temporary files; say what the file really is.
        with h5py.File(tmp_out, "r+") as f:
            prov = f["provenance"]
            prov.attrs["interim_command"] = " ".join(shlex.quote(a) for a in [sys.executable] + sys.argv)
            prov.attrs["interim_calibration_path"] = os.path.abspath(args.calibration)
            prov.attrs["interim_parts"] = os.path.abspath(args.parts)
            prov.attrs["interim_runs"] = n
            prov.attrs["interim_note"] = (f"an interim posterior: a replay of the first {n} kept runs of "
                                          f"{os.path.abspath(args.calibration)} with max_simulations = {n}; "
                                          "calibration_path and command_line name that replay's temporary files")
        os.replace(tmp_out, out)
        print(r.stdout.strip().splitlines()[-1].replace(tmp_out, args.output))
        print(f"interim posterior of the first {n} runs in {args.output}; read it with: govsim info {args.output}")
    finally:
        os.remove(tmp_cal)
        shutil.rmtree(tmp_parts, ignore_errors=True)
        if os.path.exists(tmp_out):
            os.remove(tmp_out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack", help="strip the kept parts to what the targets read and archive them")
    p.add_argument("calibration", help="the calibration file (its targets say which datasets to keep)")
    p.add_argument("parts", help="the kept parts directory, <posterior>.parts")
    p.add_argument("archive", help="the archive to write (.tar.xz); written atomically")
    p.add_argument("--keep", action="append", default=[], metavar="NAME",
                   help="also keep this series (its daily, monthly and phase datasets); repeatable")
    u = sub.add_parser("unpack", help="restore an archive's parts for govsim calibrate --resume")
    u.add_argument("archive")
    u.add_argument("parts", help="the parts directory to create, <posterior>.parts")
    i = sub.add_parser("interim", help="the posterior of a calibration's first N kept runs, without running anything")
    i.add_argument("calibration", help="the calibration file of the (running) calibration")
    i.add_argument("parts", help="its kept parts directory, <posterior>.parts")
    i.add_argument("runs", type=int, metavar="N", help="runs to read (at most the unbroken count kept)")
    i.add_argument("output", help="the interim posterior to write (HDF5)")
    i.add_argument("--govsim", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "govsim"),
                   help="the govsim build that wrote the parts (default: build/govsim)")
    i.add_argument("--force", action="store_true", help="replace an existing output")
    args = ap.parse_args(argv)
    {"pack": pack, "unpack": unpack, "interim": interim}[args.command](args)


if __name__ == "__main__":
    main()
