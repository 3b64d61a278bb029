#!/usr/bin/python3
"""Checks of analysis/sweep_results.py, sensitivity.py and plot_sweep.py on sweep files.

    /usr/bin/python3 tests/analysis/test_sweep_reader.py [SWEEP.h5 ...]   # exit 0 when all pass

Synthetic files are written with h5py to docs/sweep_results_layout.md (synthetic_sweep.py):
the reader must return what was written; broken files must give one error line naming the file
and the problem, with a non-zero exit; the command-line tools must run end to end on an
Ishigami Saltelli sweep (with replicates) and a linear Morris sweep. Each SWEEP.h5 given on the
command line (real `govsim sweep` output) is loaded, described, exported to CSV and, for a
saltelli or morris design, analysed on its first summary scalar.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ANALYSIS = os.path.join(HERE, "..", "..", "analysis")
sys.path.insert(0, ANALYSIS)
sys.path.insert(0, HERE)
import sensitivity  # noqa: E402
import sweep_results  # noqa: E402
import synthetic_sweep as syn  # noqa: E402
from run_checks import run_checks  # noqa: E402

PY = sys.executable or "/usr/bin/python3"
REAL_SWEEPS = []  # sweep files named on the command line
NAMES3 = ["model.a.x1", "model.a.x2", "model.b.x3"]


def tool(script, *args):
    p = subprocess.run([PY, os.path.join(ANALYSIS, script), *args], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def ishigami_sweep(path, n=256, replicates=2, noise_sd=0.3):
    lo, hi = [syn.ISHIGAMI_BOUNDS[0]] * 3, [syn.ISHIGAMI_BOUNDS[1]] * 3
    X, matrix, sample = syn.saltelli_design(n, lo, hi, seed=4)
    y = syn.write_sweep(path, NAMES3, lo, hi, X, syn.ishigami, replicates=replicates,
                        noise_sd=noise_sd, kind="saltelli", base_samples=n,
                        extra={"saltelli_matrix": matrix.astype(np.int32),
                               "saltelli_sample": sample.astype(np.int64)})
    return X, y


def test_reader_returns_what_was_written(tmp):
    path = os.path.join(tmp, "ish.h5")
    X, y = ishigami_sweep(path, n=16, replicates=3)
    s = sweep_results.load_sweep(path)
    assert s.parameters == NAMES3 and s.kind == "saltelli" and s.replicates == 3
    assert s.num_runs == 16 * 5 * 3 and s.params.shape == (240, 3) and s.complete
    assert s.seed_mode == "per_run" and s.base_samples == 16 and s.model == "synthetic"
    assert np.array_equal(s.point, np.repeat(np.arange(80), 3))
    assert np.array_equal(s.index, s.point * 3 + s.replicate)
    assert s.seed.dtype == np.uint64 and s.provenance["sweep_hash"] == "00ff"
    assert s.provenance["sweep_source"].startswith("# sweep_source")
    assert s.dates[0] == "2020-01-01" and len(s.dates) == 60 and s.months == ["2020-01", "2020-02"]
    assert s.daily["yd"].shape == (240, 60) and s.daily["yg"].shape == (240, 60, 2)
    assert s.unit("y") == "widgets" and s.groups("yg") == ["young", "old"]
    assert np.array_equal(s.point_params(), X)
    # Columns by every kind of name.
    assert np.array_equal(s.column("y"), y)
    assert np.array_equal(s.column("x2"), s.params[:, 1])  # unambiguous last part
    assert np.array_equal(s.column("model.b.x3"), s.params[:, 2])
    assert np.array_equal(s.column("ym[2020-02]"), y + 1)
    assert np.array_equal(s.column("yd[post]"), 3 * y)
    assert np.all(np.isnan(s.column("yd[mid]")))
    assert np.array_equal(s.column("yd[2020-02-29]"), y)
    assert np.array_equal(s.column("yg[2020-01-05]{old}"), 2 * y)
    for bad in ("nope", "yd", "yg[2020-01-05]", "ym[2021-01]", "yg[2020-01-05]{mid}", "yd[post]{old}"):
        try:
            s.column(bad)
        except KeyError:
            continue
        raise AssertionError(f"column {bad!r} accepted")
    # Replicates per point.
    points, mean, sd, lo, hi, n = s.by_point(s.column("y"))
    yr = y.reshape(80, 3)
    assert np.array_equal(points, np.arange(80)) and np.all(n == 3)
    assert np.allclose(mean, yr.mean(1)) and np.allclose(sd, yr.std(1, ddof=1))
    assert np.array_equal(lo, yr.min(1)) and np.array_equal(hi, yr.max(1))


def test_csv_export(tmp):
    path, out = os.path.join(tmp, "ish.h5"), os.path.join(tmp, "runs.csv")
    _, y = ishigami_sweep(path, n=8, replicates=2)
    code, text = tool("sweep_results.py", path, "--csv", out)
    assert code == 0, text
    assert "saltelli design, 80 runs" in text and "model.a.x1" in text, text
    with open(out) as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 80
    assert list(rows[0])[:7] == ["run", "point", "replicate", "seed"] + NAMES3
    assert "yd[post]" in rows[0] and "y" in rows[0]
    assert np.allclose([float(r["y"]) for r in rows], y, rtol=0, atol=0)
    code, _ = tool("sweep_results.py", path, "--csv", out, "--monthly")
    with open(out) as fh:
        assert "ym[2020-02]" in next(csv.reader(fh))


def test_broken_files_give_one_line(tmp):
    X = np.zeros((2, 3))
    cases = {
        "wrong_format": dict(overrides={"format": "govsim-results"}),
        "no_format": dict(overrides={"format": None}),
        "version": dict(overrides={"format_version": 2}),
        "no_saltelli_columns": dict(kind="saltelli"),
    }
    for name, kw in cases.items():
        path = os.path.join(tmp, name + ".h5")
        syn.write_sweep(path, NAMES3, [0] * 3, [1] * 3, X, lambda p: p[:, 0], **kw)
        expect_error(path, {"wrong_format": "not a govsim sweep file", "no_format": "not a govsim sweep",
                            "version": "format_version 2", "no_saltelli_columns": "missing /runs/saltelli_matrix"}[name])
    path = os.path.join(tmp, "no_params.h5")
    syn.write_sweep(path, NAMES3, [0] * 3, [1] * 3, X, lambda p: p[:, 0], kind="grid")
    with h5py.File(path, "a") as f:
        del f["runs/params"]
    expect_error(path, "missing /runs/params")
    path = os.path.join(tmp, "text.h5")
    with open(path, "w") as fh:
        fh.write("not hdf5\n")
    expect_error(path, "cannot open as HDF5")
    expect_error(os.path.join(tmp, "absent.h5"), "No such file or directory")


def expect_error(path, what):
    for script in ("sweep_results.py", "sensitivity.py"):
        code, text = tool(script, path, *(["--summary", "y"] if script == "sensitivity.py" else []))
        lines = text.strip().splitlines()
        assert code == 1, (script, path, text)
        assert len(lines) == 1 and path in lines[0] and what in lines[0], (script, text)


def test_sensitivity_cli_on_ishigami(tmp):
    path = os.path.join(tmp, "ish.h5")
    ishigami_sweep(path, n=1024, replicates=2, noise_sd=0.3)
    js, png = os.path.join(tmp, "s.json"), os.path.join(tmp, "s.png")
    code, text = tool("sensitivity.py", path, "--summary", "y", "--resamples", "300",
                      "--json", js, "--plot", png)
    assert code == 0, text
    print(text)
    r = json.load(open(js))
    assert r["points"] == 1024 * 5 and r["replicates"] == 2 and r["base_samples"] == 1024
    # Averaging 2 replicates leaves noise variance 0.3^2/2 against V(Ishigami) = 13.84.
    S1, ST = np.array(r["sobol"]["S1"]), np.array(r["sobol"]["ST"])
    assert np.all(np.abs(S1 - syn.ISHIGAMI_S1) < 0.06) and np.all(np.abs(ST - syn.ISHIGAMI_ST) < 0.06)
    noise = r["replicate_noise"]
    assert 0.3 ** 2 * 0.8 < noise["within_var"] < 0.3 ** 2 * 1.2, noise
    assert "replicate noise" in text and "x3" in text
    assert os.path.getsize(png) > 10_000
    # The same through a monthly value and a phase mean of the same function (+1 and x3 do
    # not change Sobol indices).
    for args in (("--output", "ym", "--month", "2020-02"), ("--output", "yd", "--phase", "post")):
        code, text = tool("sensitivity.py", path, *args, "--resamples", "50", "--json", js)
        assert code == 0, text
        assert np.allclose(json.load(open(js))["sobol"]["S1"], S1), args
    code, text = tool("sensitivity.py", path, "--output", "yd", "--phase", "mid")
    assert code == 1 and "NaN" in text, text
    code, text = tool("plot_sweep.py", "--sensitivity", js, "-o", png)
    assert code == 0, text
    for band in ("sd", "minmax"):
        code, text = tool("plot_sweep.py", path, "--x", "x2", "--summary", "y", "--band", band, "-o", png)
        assert code == 0 and os.path.getsize(png) > 10_000, text
    code, text = tool("plot_sweep.py", path, "--x", "x9", "--summary", "y", "-o", png)
    assert code == 1 and "no parameter 'x9'" in text, text


def test_morris_sweep(tmp):
    path = os.path.join(tmp, "morris.h5")
    coef = np.array([2.0, -1.0, 0.0])
    lo, hi = np.array([0, 0, 10.0]), np.array([1, 4, 20.0])
    Z, traj, step, changed = syn.morris_design(10, [0] * 3, [1] * 3, levels=4, seed=9)
    X = lo + (hi - lo) * Z
    syn.write_sweep(path, NAMES3, lo, hi, X, lambda p: p @ coef, kind="morris", base_samples=10,
                    seed_mode="common", extra={"morris_trajectory": traj.astype(np.int64),
                                               "morris_step": step, "morris_changed": changed})
    s = sweep_results.load_sweep(path)
    r = sensitivity.analyse_sweep(s, "y")
    assert "sobol" not in r and r["kind"] == "morris"
    assert np.allclose(r["morris"]["mu_star"], np.abs(coef) * (hi - lo), atol=1e-9)
    js, png = os.path.join(tmp, "m.json"), os.path.join(tmp, "m.png")
    code, text = tool("sensitivity.py", path, "--summary", "y", "--json", js, "--plot", png)
    assert code == 0 and "mu*" in text and os.path.exists(png), text


def test_real_sweeps(tmp):
    for path in REAL_SWEEPS:
        s = sweep_results.load_sweep(path)
        print(s.describe())
        assert s.params.shape == (s.num_runs, len(s.parameters))
        if s.complete:  # a shard holds only its own rows; num_runs is the whole design's
            assert s.num_runs == int(s.attrs["num_runs"])
            assert np.array_equal(s.index, np.arange(s.num_runs))
        assert np.array_equal(s.index, s.point * s.replicates + s.replicate)
        code, text = tool("sweep_results.py", path, "--csv", os.path.join(tmp, "real.csv"))
        assert code == 0, text
        if s.kind in ("saltelli", "morris") and s.complete and s.summary:
            name = next(k for k in sorted(s.summary) if np.all(np.isfinite(s.summary[k])))
            print(sensitivity.format_table(sensitivity.analyse_sweep(s, name, resamples=100)))


def main(argv):
    global REAL_SWEEPS
    REAL_SWEEPS = argv[1:]
    with tempfile.TemporaryDirectory(prefix="govsim-sweep-test-") as tmp:
        return run_checks(globals(), tmp)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
