#!/usr/bin/python3
"""The Python readers on corrupt files: one documented exception type as a library, one error line
and exit status 1 as scripts, never a traceback, never a hang.

    /usr/bin/python3 tests/analysis/test_corrupt_readers.py RESULT.h5 SWEEP.h5   # exit 0 when all pass

RESULT.h5 and SWEEP.h5 are real govsim outputs (a run and a sweep); each check copies one and
breaks the copy: truncated, wrong types, missing datasets, huge declared sizes, variable-length
strings where fixed ones are expected, a FIFO in place of the file.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")
sys.path.insert(0, ANALYSIS)
sys.path.insert(0, HERE)
import govsim_results  # noqa: E402
import sweep_results  # noqa: E402
from run_checks import run_checks  # noqa: E402

TMP = tempfile.mkdtemp(prefix="govsim-corrupt-")


def _copy(src, name, edit=None):
    path = os.path.join(TMP, name)
    shutil.copyfile(src, path)
    if edit:
        with h5py.File(path, "r+") as f:
            edit(f)
    return path


def _declare(f, name, shape, dtype):
    """A chunked dataset that is never written: any declared size, almost no bytes."""
    if name in f:
        del f[name]
    f.create_dataset(name, shape=shape, dtype=dtype, chunks=tuple(1 for _ in shape))


def _replace(f, name, data, dtype=None):
    if name in f:
        del f[name]
    f.create_dataset(name, data=data, dtype=dtype)


def _truncate(src, name):
    path = os.path.join(TMP, name)
    with open(src, "rb") as fh:
        data = fh.read()
    with open(path, "wb") as fh:
        fh.write(data[: len(data) // 2])
    return path


def _fifo(name):
    path = os.path.join(TMP, name)
    if not os.path.exists(path):
        os.mkfifo(path)
    return path


def corrupt_results(result):
    return {
        "truncated": _truncate(result, "r_trunc.h5"),
        "missing dataset": _copy(result, "r_missing.h5", lambda f: f.__delitem__("time/daily/date")),
        "missing group": _copy(result, "r_nogroup.h5", lambda f: f.__delitem__("series")),
        "wrong type": _copy(result, "r_type.h5", lambda f: _replace(f, "time/daily/date", np.arange(3))),
        "series of strings": _copy(result, "r_strs.h5", lambda f: _replace(
            f, "series/daily/" + sorted(f["series/daily"])[0], np.array([b"x"] * 4))),
        "group for dataset": _copy(result, "r_grp.h5", lambda f: (f.__delitem__("time/monthly/days"),
                                                                   f.create_group("time/monthly/days"))),
        "huge declared size": _copy(result, "r_huge.h5", lambda f: _declare(
            f, "series/daily/" + sorted(f["series/daily"])[0], (2 ** 36,), "f8")),
        "huge strings": _copy(result, "r_wide.h5", lambda f: _declare(
            f, "time/monthly/month", (4,), "S%d" % (2 ** 30))),
        "fifo": _fifo("r_fifo.h5"),
        "directory": TMP,
        "absent": os.path.join(TMP, "absent.h5"),
        "not hdf5": _write_text("r_text.h5"),
    }


def corrupt_sweeps(sweep):
    return {
        "truncated": _truncate(sweep, "s_trunc.h5"),
        "missing dataset": _copy(sweep, "s_missing.h5", lambda f: f.__delitem__("runs/params")),
        "wrong type": _copy(sweep, "s_type.h5", lambda f: _replace(f, "design/parameters", np.arange(3.0))),
        "runs of strings": _copy(sweep, "s_strs.h5", lambda f: _replace(f, "runs/index", np.array([b"a", b"b"]))),
        "huge declared size": _copy(sweep, "s_huge.h5", lambda f: _declare(f, "runs/params", (2 ** 34, 2), "f8")),
        "huge strings": _copy(sweep, "s_wide.h5", lambda f: _declare(f, "time/daily/date", (3,), "S%d" % (2 ** 30))),
        "fifo": _fifo("s_fifo.h5"),
        "absent": os.path.join(TMP, "absent.h5"),
        "not hdf5": _write_text("s_text.h5"),
    }


def _write_text(name):
    path = os.path.join(TMP, name)
    with open(path, "w") as fh:
        fh.write("not an HDF5 file\n")
    return path


def _check_script(script, path):
    r = subprocess.run([sys.executable, os.path.join(ANALYSIS, script), path], capture_output=True, text=True,
                       timeout=120)  # a backstop only: a FIFO used to block forever
    lines = r.stderr.strip().splitlines()
    assert r.returncode == 1, f"{script} {path}: exit {r.returncode}: {r.stderr[-800:]}"
    assert "Traceback" not in r.stderr, f"{script} {path}: traceback: {r.stderr[-800:]}"
    assert len(lines) == 1, f"{script} {path}: expected one error line, got: {r.stderr[-800:]}"
    prog = script.split(".")[0]
    assert lines[0].startswith(f"{prog}: error: "), lines[0]
    assert path in lines[0], lines[0]


def test_result_reader_library(result, sweep):
    for what, path in corrupt_results(result).items():
        try:
            govsim_results.load(path)
        except govsim_results.ResultFormatError as e:
            assert path in str(e), f"{what}: {e}"
        else:
            raise AssertionError(f"{what}: loaded without error")


def test_result_reader_script(result, sweep):
    for what, path in corrupt_results(result).items():
        _check_script("govsim_results.py", path)


def test_sweep_reader_library(result, sweep):
    for what, path in corrupt_sweeps(sweep).items():
        try:
            sweep_results.load_sweep(path)
        except sweep_results.SweepFormatError as e:
            assert path in str(e), f"{what}: {e}"
        else:
            raise AssertionError(f"{what}: loaded without error")


def test_sweep_reader_script(result, sweep):
    for what, path in corrupt_sweeps(sweep).items():
        _check_script("sweep_results.py", path)


def test_limits_named(result, sweep):
    for path, load, err in ((_copy(result, "r_huge2.h5", lambda f: _declare(
            f, "series/daily/" + sorted(f["series/daily"])[0], (2 ** 36,), "f8")), govsim_results.load,
            govsim_results.ResultFormatError),
            (_copy(sweep, "s_huge2.h5", lambda f: _declare(f, "runs/params", (2 ** 34, 2), "f8")),
             sweep_results.load_sweep, sweep_results.SweepFormatError)):
        try:
            load(path)
        except err as e:
            assert "over the reader's limit of 2 GiB" in str(e), str(e)


def test_vlen_strings_read_as_text(result, sweep):
    with h5py.File(result, "r") as f:
        dates = [d.decode() for d in f["time/daily/date"][()]]
    path = _copy(result, "r_vlen.h5", lambda f: _replace(f, "time/daily/date", dates, dtype=h5py.string_dtype()))
    r = govsim_results.load(path)
    assert str(r.dates[0]) == dates[0] and str(r.dates[-1]) == dates[-1], (r.dates[0], dates[0])
    with h5py.File(sweep, "r") as f:
        sdates = [d.decode() for d in f["time/daily/date"][()]]
    spath = _copy(sweep, "s_vlen.h5", lambda f: _replace(f, "time/daily/date", sdates, dtype=h5py.string_dtype()))
    assert sweep_results.load_sweep(spath).dates == sdates


def test_good_files_still_load(result, sweep):
    assert len(govsim_results.load(result).dates) > 0
    assert sweep_results.load_sweep(sweep).num_runs > 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        status = run_checks(globals(), sys.argv[1], sys.argv[2])
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    sys.exit(status)
