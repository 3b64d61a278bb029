#!/usr/bin/python3
"""Run a sweep file with `govsim sweep`, optionally with some of its lines rewritten.

Shared by the paper_repro scripts that run sweeps (jiaxing_sensitivity.py, jiaxing_conditions.py):
their --small smoke tests shrink a committed sweep file (fewer samples, a tiny population) and
--full ones enlarge it, without a second copy of the file.
"""
import os
import re
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_govsim():
    """The govsim binary of the first build directory that has one (default build/govsim)."""
    for cand in ("build", "build-sweep", "build-analysis"):
        path = os.path.join(ROOT, cand, "govsim")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, "build", "govsim")


def rewrite(text, sweep_path, overrides):
    """The sweep file text with each `key = value` line of `overrides` replaced (each key must be
    on exactly one line) and the base scenario path made absolute, so the text can be written
    anywhere."""
    for key, value in overrides.items():
        text, n = re.subn(rf"(?m)^(\s*{re.escape(key)}\s*=\s*)[^#\n]*", rf"\g<1>{value}", text)
        if n != 1:
            raise ValueError(f"{sweep_path}: expected one line '{key} = ...' to rewrite, found {n}")

    def absolute(m):
        return f'{m.group(1)}"{os.path.join(os.path.dirname(sweep_path), m.group(2))}"'
    return re.sub(r'(?m)^(\s*scenario\s*=\s*)"([^"]+)"', absolute, text)


def run_sweep(govsim, sweep_file, output, threads, overrides=None, extra_args=()):
    """Runs `govsim sweep` on the file (rewritten with `overrides` if given) into `output`;
    returns the wall time in seconds. Raises RuntimeError with govsim's output on failure."""
    with tempfile.TemporaryDirectory(prefix="govsim-sweep-") as tmp:
        if overrides:
            with open(sweep_file) as fh:
                text = rewrite(fh.read(), sweep_file, overrides)
            sweep_file = os.path.join(tmp, os.path.basename(sweep_file))
            with open(sweep_file, "w") as fh:
                fh.write(text)
        cmd = [govsim, "sweep", sweep_file, "-o", output, "--threads", str(threads), "--quiet", *extra_args]
        t0 = time.time()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"govsim sweep failed ({proc.returncode}): {' '.join(cmd)}\n"
                               f"{proc.stdout}{proc.stderr}")
    return time.time() - t0
