#!/usr/bin/python3
"""Running `govsim run` from Python: one run, or replicates in parallel, read back as results.

Shared by the calibration and reproduction scripts (analysis/calibrate_*.py, paper_repro/*.py).
"""
import atexit
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import govsim_results  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_GOVSIM = os.path.join(ROOT, "build", "govsim")


def run_one(govsim, scenario, output, sets, run_index, threads=1):
    """One `govsim run`; threads=None lets govsim use every core."""
    cmd = [govsim, "run", scenario, "-o", output, "--quiet", "--set", f"run.index={run_index}"]
    if threads:
        cmd += ["--threads", str(threads)]
    for s in sets:
        cmd += ["--set", s]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"govsim failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    return output


def run_replicates(govsim, scenario, sets, replicates, workdir, tag, jobs=None, threads=1):
    """Runs replicates 0..replicates-1 (run.index) and returns their loaded results."""
    jobs = jobs or max(1, os.cpu_count() or 1)
    paths = [os.path.join(workdir, f"{tag}-{i}.h5") for i in range(replicates)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda i: run_one(govsim, scenario, paths[i], sets, i, threads), range(replicates)))
    results = [govsim_results.load(p) for p in paths]
    for p in paths:
        os.remove(p)
    return results


def make_workdir(prefix="govsim-"):
    """A scratch directory for a script's runs, removed when the script exits, also when it exits early
    on a failed run (sys.exit, an exception); a script may remove it sooner itself."""
    work = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return work


def git_commit():
    try:
        return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip() or "unknown"
    except OSError:
        return "unknown"
