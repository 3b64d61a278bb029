#!/usr/bin/python3
"""analysis/calibration_history.py: on a real posterior (the reference calibration, three
generations) the last generation's quantiles equal the file's /parameters/q05, q50, q95; on a
synthetic posterior with known particles, the shifts are the known ones (a log prior compared in
its logarithm); bad input is named and exits 1.

    /usr/bin/python3 tests/analysis/test_calibration_history.py GOVSIM_BINARY
"""
import json
import os
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "analysis", "calibration_history.py")
sys.path.insert(0, HERE)
from test_calibration_parts import calibration, run  # noqa: E402  (the reference calibration, a checked subprocess)


def synthetic(path):
    """Two parameters (one uniform, one log-uniform), three generations of four equally weighted
    particles: generation 1 moves both medians, generation 2 repeats generation 1."""
    a = [[0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]]
    b = [[1.0, 10.0, 100.0, 1000.0], [10.0, 100.0, 1000.0, 10000.0], [10.0, 100.0, 1000.0, 10000.0]]
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "govsim-calibration"
        f["parameters/name"] = np.array([b"x.a", b"x.b"])
        f["parameters/prior"] = np.array([b"uniform(0, 5)", b"log_uniform(1, 100000)"])
        f["history/tolerance"] = np.array([np.inf, 2.0, 1.5])
        f["history/acceptance_rate"] = np.array([1.0, 0.5, 0.25])
        f["history/ess"] = np.array([4.0, 4.0, 4.0])
        f["history/simulations"] = np.array([4, 12, 28], dtype=np.uint64)
        for g in range(3):
            f[f"history/generation_{g:03d}/values"] = np.column_stack([a[g], b[g]])
            f[f"history/generation_{g:03d}/weights"] = np.full(4, 0.25)


def main(govsim):
    with tempfile.TemporaryDirectory() as d:
        # Known answers. With four equal weights the midpoint positions are 1/8, 3/8, 5/8, 7/8, so
        # q05 and q95 are the smallest and largest value and q50 the mean of the middle two:
        # generation 0 of 'a': [0, 1.5, 3], width 3; generation 1's median 2.5 moved 1 = 1/3 of it.
        # 'b' in its logarithm (base 10 for the arithmetic): [0, 1.5, 3] -> 2.5: also 1/3.
        syn = os.path.join(d, "syn.h5")
        synthetic(syn)
        out_json = os.path.join(d, "hist.json")
        text = run(["/usr/bin/python3", TOOL, syn, "--last", "3", "--json", out_json])
        gens = json.load(open(out_json))["generations"]
        assert [g["generation"] for g in gens] == [0, 1, 2], gens
        assert "shift" not in gens[0]["parameters"]["x.a"], gens[0]
        assert gens[1]["parameters"]["x.a"]["shift"] == 0.333, gens[1]
        assert gens[1]["parameters"]["x.b"]["shift"] == 0.333, gens[1]
        assert gens[2]["parameters"]["x.a"]["shift"] == 0.0, gens[2]
        b1 = gens[1]["parameters"]["x.b"]
        assert abs(b1["q05"] - 10.0) < 1e-9 and abs(b1["q95"] - 10000.0) < 1e-6, b1
        assert abs(b1["q50"] - 10 ** 2.5) < 1e-6, b1  # the geometric midpoint, not the arithmetic
        assert "largest shift into generation 2: 0.00" in text, text
        text = run(["/usr/bin/python3", TOOL, syn, "--last", "1"])
        assert "| generation | 2 |" in text, text

        # A real posterior: the last generation's quantiles are the file's own.
        cal = calibration(d, 3)
        post = os.path.join(d, "post.h5")
        run([govsim, "calibrate", cal, "-o", post, "--threads", "2", "-q"])
        run(["/usr/bin/python3", TOOL, post, "--json", out_json])
        last = json.load(open(out_json))["generations"][-1]
        with h5py.File(post, "r") as f:
            names = list(f["parameters/name"].asstr()[:])
            priors = list(f["parameters/prior"].asstr()[:])
            q = {k: f[f"parameters/{k}"][:] for k in ("q05", "q50", "q95")}
            assert last["generation"] == f.attrs["generations"] - 1
        assert all(p.startswith("uniform") for p in priors), priors  # compared exactly: no logarithm
        for i, n in enumerate(names):
            for k in ("q05", "q50", "q95"):
                assert abs(last["parameters"][n][k] - q[k][i]) < 1e-12, (n, k, last["parameters"][n][k], q[k][i])

        # Bad input: named, exit 1.
        junk = os.path.join(d, "junk.h5")
        with open(junk, "w") as f:
            f.write("not HDF5")
        assert "cannot read as HDF5" in run(["/usr/bin/python3", TOOL, junk], expect=1)
        other = os.path.join(d, "other.h5")
        with h5py.File(other, "w") as f:
            f.attrs["format"] = "govsim-results"
        assert "not a govsim posterior file" in run(["/usr/bin/python3", TOOL, other], expect=1)
        bare = os.path.join(d, "bare.h5")
        with h5py.File(bare, "w") as f:
            f.attrs["format"] = "govsim-calibration"
            f["parameters/name"] = np.array([b"x.a"])
        assert "Posterior file layout" in run(["/usr/bin/python3", TOOL, bare], expect=1)
        assert "--last" in run(["/usr/bin/python3", TOOL, syn, "--last", "0"], expect=2)
    print("calibration_history: known shifts, the file's own quantiles, bad input: OK")


if __name__ == "__main__":
    main(sys.argv[1])
