#!/usr/bin/python3
"""Checks of the estimators of analysis/sensitivity.py on functions with known answers.

    /usr/bin/python3 tests/analysis/test_sensitivity.py      # exit status 0 when all pass

- Sobol S1 (Saltelli 2010) and ST (Jansen 1999) on Ishigami (a = 7, b = 0.1) with N = 8192
  scrambled Sobol' base samples: within TOL = 0.02 of the analytic values, which also lie inside
  the 95 % bootstrap intervals (B = 500).
- Morris on a linear function: every elementary effect, hence mu and mu*, equals the
  coefficient (per unit of range) to rounding, and sigma is 0 — from trajectories and from the
  radial effects of a Saltelli design.
- Replicate noise: with a known noise variance the estimated share is close to the truth.
- The bootstrap is reproducible (same seed, same intervals).
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "analysis"))
sys.path.insert(0, HERE)
import sensitivity  # noqa: E402
import synthetic_sweep as syn  # noqa: E402
from run_checks import run_checks  # noqa: E402

TOL = 0.02  # absolute tolerance on each Ishigami index for N = 8192 (observed errors < 0.01)


def ishigami_parts(n, seed=1):
    lo, hi = [syn.ISHIGAMI_BOUNDS[0]] * 3, [syn.ISHIGAMI_BOUNDS[1]] * 3
    X, matrix, sample = syn.saltelli_design(n, lo, hi, seed=seed)
    y = syn.ishigami(X)
    return X, matrix, sample, sensitivity.saltelli_split(y, matrix, sample, 3), (lo, hi)


def test_ishigami_sobol():
    _, _, _, (fA, fB, fAB), _ = ishigami_parts(8192)
    S1, ST = sensitivity.sobol_indices(fA, fB, fAB)
    print("Ishigami S1", np.round(S1, 4), "analytic", syn.ISHIGAMI_S1)
    print("Ishigami ST", np.round(ST, 4), "analytic", syn.ISHIGAMI_ST)
    assert np.all(np.abs(S1 - syn.ISHIGAMI_S1) < TOL), S1
    assert np.all(np.abs(ST - syn.ISHIGAMI_ST) < TOL), ST
    r = sensitivity.sobol_bootstrap(fA, fB, fAB, resamples=500, confidence=0.95, seed=3)
    assert np.allclose(r["S1"], S1) and np.allclose(r["ST"], ST)
    for key, truth in (("S1", syn.ISHIGAMI_S1), ("ST", syn.ISHIGAMI_ST)):
        print(f"  {key} 95% CI", np.round(r[key + "_lo"], 4), np.round(r[key + "_hi"], 4))
        assert np.all(r[key + "_lo"] <= truth) and np.all(truth <= r[key + "_hi"]), key
        assert np.all(r[key + "_lo"] <= r[key]) and np.all(r[key] <= r[key + "_hi"]), key
        assert np.all(r[key + "_hi"] - r[key + "_lo"] < 0.1), key  # informative at this N


def test_bootstrap_reproducible_and_levels():
    _, _, _, (fA, fB, fAB), _ = ishigami_parts(512)
    a = sensitivity.sobol_bootstrap(fA, fB, fAB, resamples=200, seed=11)
    b = sensitivity.sobol_bootstrap(fA, fB, fAB, resamples=200, seed=11)
    assert all(np.array_equal(a[k], b[k]) for k in ("S1_lo", "S1_hi", "ST_lo", "ST_hi"))
    c = sensitivity.sobol_bootstrap(fA, fB, fAB, resamples=200, confidence=0.5, seed=11)
    assert np.all(c["ST_hi"] - c["ST_lo"] < a["ST_hi"] - a["ST_lo"])  # narrower at 50 %


def test_linear_morris_trajectories():
    coef = np.array([3.0, -2.0, 0.5, 0.0])
    X, traj, step, changed = syn.morris_design(20, [0] * 4, [1] * 4, levels=4, seed=5)
    m = sensitivity.morris_effects(X, X @ coef + 1.0, traj, changed, [0] * 4, [1] * 4)
    print("Morris linear mu*", m["mu_star"], "mu", m["mu"], "sigma", m["sigma"])
    assert np.allclose(m["mu_star"], np.abs(coef), rtol=0, atol=1e-12)
    assert np.allclose(m["mu"], coef, rtol=0, atol=1e-12)
    assert np.allclose(m["sigma"], 0, atol=1e-12)
    assert np.all(m["count"] == 20)
    # On physical ranges the effects are per unit of range: coefficient x range width.
    lo, hi = np.array([0, 10, -1, 5.0]), np.array([2, 30, 1, 6.0])
    Xp = lo + (hi - lo) * X
    mp = sensitivity.morris_effects(Xp, Xp @ coef, traj, changed, lo, hi)
    assert np.allclose(mp["mu_star"], np.abs(coef) * (hi - lo), atol=1e-9)


def test_linear_radial_effects():
    coef = np.array([1.5, -4.0, 0.0])
    X, matrix, sample = syn.saltelli_design(64, [0] * 3, [1] * 3, seed=2)
    fA, fB, fAB = sensitivity.saltelli_split(X @ coef, matrix, sample, 3)
    XA, XB = X[matrix == -1], X[matrix == -2]
    m = sensitivity.radial_effects(XA, XB, fA, fAB, [0] * 3, [1] * 3)
    assert np.allclose(m["mu_star"], np.abs(coef), atol=1e-9), m["mu_star"]
    assert np.allclose(m["sigma"], 0, atol=1e-9)
    # Ishigami: x3 acts only through its interaction with x1, so its mean effect mu is ~0 while
    # mu* is not; x2 enters only as sin^2, symmetric on [-pi, pi], so its mu is ~0 as well.
    X, matrix, sample, (fA, fB, fAB), (lo, hi) = ishigami_parts(1024)
    m = sensitivity.radial_effects(X[matrix == -1], X[matrix == -2], fA, fAB, lo, hi)
    assert m["mu_star"][1] > m["mu_star"][2] > 0 and abs(m["mu"][2]) < 0.25 * m["mu_star"][2]


def test_log_scale_normalisation():
    z = sensitivity.normalise([[1.0, 10.0], [100.0, 0.5]], [1.0, 0.0], [100.0, 1.0], ["log", "linear"])
    assert np.allclose(z, [[0.0, 10.0], [1.0, 0.5]])


def test_replicate_noise():
    rng = np.random.default_rng(0)
    points, reps, noise_sd = 400, 4, 0.5
    signal = rng.standard_normal(points)  # variance 1
    y = np.repeat(signal, reps) + noise_sd * rng.standard_normal(points * reps)
    point = np.repeat(np.arange(points), reps)
    r = sensitivity.replicate_noise(y, point)
    truth_runs = noise_sd ** 2 / (1 + noise_sd ** 2)
    truth_means = (noise_sd ** 2 / reps) / (np.var(signal, ddof=1) + noise_sd ** 2 / reps)
    print("replicate noise", r, "truth", truth_runs, truth_means)
    assert abs(r["share_runs"] - truth_runs) < 0.03
    assert abs(r["share_means"] - truth_means) < 0.03
    assert sensitivity.replicate_noise(signal, np.arange(points)) is None


def test_bad_inputs():
    for args in (([1, 2], [1], [[1], [2]]), ([1, np.nan], [1, 2], [[1], [2]])):
        try:
            sensitivity.sobol_indices(*args)
        except ValueError:
            continue
        raise AssertionError(f"accepted {args}")
    try:
        sensitivity.saltelli_split([1, 2, 3], [-1, -2, 0], [0, 0, 0], 2)  # AB_1 missing
    except ValueError:
        return
    raise AssertionError("accepted an incomplete Saltelli design")


if __name__ == "__main__":
    sys.exit(run_checks(globals()))
