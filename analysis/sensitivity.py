#!/usr/bin/python3
"""Global sensitivity analysis of a govsim sweep: Sobol indices and Morris elementary effects.

    /usr/bin/python3 analysis/sensitivity.py sweep.h5 --output rate_active_monthly --month 2020-05 \
        --json sobol.json --plot sobol.png
    /usr/bin/python3 analysis/sensitivity.py sweep.h5 --summary activity_post
    /usr/bin/python3 analysis/sensitivity.py sweep.h5 --output share_needs_met --phase post

The estimators are pure numpy functions of arrays, usable without a sweep file:

- sobol_indices(fA, fB, fAB): first-order S1 (Saltelli et al. 2010, eq. b of table 2) and total
  ST (Jansen 1999) from the outputs on the base matrices A, B [N] and on AB_j [N, P] (A with
  column j taken from B); sobol_bootstrap adds percentile confidence intervals by resampling the
  N base samples.
- morris_effects(X, y, trajectory, changed, lower, upper, scale): elementary effects of Morris
  trajectories; radial_effects(XA, XB, fA, fAB, ...): the same from a Saltelli design (A vs AB_j,
  Campolongo et al. 2011). Effects are per unit of the normalised parameter (share of its range,
  in log space for a log-scaled one), so mu* of different parameters compare.
- replicate_noise(y, point): the share of output variance that is replicate (seed) noise.

Replicates are averaged per design point before estimating (docs/sensitivity_analysis.md).
"""
import json
import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep_results  # noqa: E402
from sweep_results import replicate_stats  # noqa: E402


# ---- Sobol -----------------------------------------------------------------------------------
def _sobol_core(fA, fB, fAB):
    """S1, ST for base outputs fA, fB [..., N] and fAB [..., N, P] (leading axes broadcast).
    Outputs are centred on the mean over A and B first: the indices are then invariant to a
    shift of the output (the S1 estimator is not, uncentred, at finite N)."""
    both = np.concatenate([fA, fB], axis=-1)
    c = both.mean(axis=-1, keepdims=True)
    fA, fB, fAB = fA - c, fB - c, fAB - c[..., None]
    V = np.var(both, axis=-1, ddof=1)[..., None]
    dA = fAB - fA[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):  # V = 0 (a degenerate resample): NaN
        S1 = np.mean(fB[..., None] * dA, axis=-2) / V
        ST = 0.5 * np.mean(dA ** 2, axis=-2) / V
    return S1, ST


def sobol_indices(fA, fB, fAB):
    """First-order (Saltelli 2010) and total (Jansen 1999) Sobol indices, each [P].

    S1_j = mean(fB * (fAB_j - fA)) / V,  ST_j = mean((fA - fAB_j)^2) / (2 V),
    V = variance of the 2N outputs on A and B; outputs centred on their mean over A and B."""
    fA, fB, fAB = _as_sobol_arrays(fA, fB, fAB)
    return _sobol_core(fA, fB, fAB)


def _as_sobol_arrays(fA, fB, fAB):
    fA = np.asarray(fA, dtype=float)
    fB = np.asarray(fB, dtype=float)
    fAB = np.asarray(fAB, dtype=float)
    if fA.ndim != 1 or fB.shape != fA.shape or fAB.ndim != 2 or fAB.shape[0] != fA.shape[0]:
        raise ValueError(f"expected fA [N], fB [N], fAB [N, P]; got {fA.shape}, {fB.shape}, {fAB.shape}")
    if not (np.all(np.isfinite(fA)) and np.all(np.isfinite(fB)) and np.all(np.isfinite(fAB))):
        raise ValueError("the output has NaN or infinite values")
    return fA, fB, fAB


def sobol_bootstrap(fA, fB, fAB, resamples=1000, confidence=0.95, seed=12345):
    """Sobol indices with bootstrap percentile confidence intervals.

    The N base samples (rows i of A, B and AB_j together) are resampled with replacement
    `resamples` times with a fixed-seed generator, so the intervals are reproducible. Returns a
    dict of arrays [P]: S1, ST, S1_lo, S1_hi, ST_lo, ST_hi, S1_se, ST_se (bootstrap s.d.)."""
    fA, fB, fAB = _as_sobol_arrays(fA, fB, fAB)
    S1, ST = _sobol_core(fA, fB, fAB)
    rng = np.random.default_rng(seed)
    n = len(fA)
    bS1, bST = [], []
    chunk = max(1, 2_000_000 // max(1, n * fAB.shape[1]))  # bound the memory of one batch
    for start in range(0, resamples, chunk):
        idx = rng.integers(0, n, size=(min(chunk, resamples - start), n))
        s1, st = _sobol_core(fA[idx], fB[idx], fAB[idx])
        bS1.append(s1)
        bST.append(st)
    bS1, bST = np.concatenate(bS1), np.concatenate(bST)
    a = 100 * (1 - confidence) / 2
    pct = lambda b, q: np.nanpercentile(b, q, axis=0)  # noqa: E731 (NaN: a resample with V = 0)
    return {"S1": S1, "ST": ST,
            "S1_lo": pct(bS1, a), "S1_hi": pct(bS1, 100 - a),
            "ST_lo": pct(bST, a), "ST_hi": pct(bST, 100 - a),
            "S1_se": np.nanstd(bS1, axis=0, ddof=1), "ST_se": np.nanstd(bST, axis=0, ddof=1),
            "resamples": resamples, "confidence": confidence, "seed": seed}


def saltelli_split(y, matrix, sample, num_params):
    """Outputs of a Saltelli design, one value per design point, into fA [N], fB [N], fAB [N, P].
    `matrix` is -1 for A, -2 for B, j for AB_j; `sample` the base sample i (layout contract)."""
    y, matrix, sample = np.asarray(y, dtype=float), np.asarray(matrix), np.asarray(sample)
    n = int(sample.max()) + 1
    fA, fB = np.full(n, np.nan), np.full(n, np.nan)
    fAB = np.full((n, num_params), np.nan)
    fA[sample[matrix == -1]] = y[matrix == -1]
    fB[sample[matrix == -2]] = y[matrix == -2]
    ab = matrix >= 0
    fAB[sample[ab], matrix[ab]] = y[ab]
    if np.isnan(fA).any() or np.isnan(fB).any() or np.isnan(fAB).any():
        raise ValueError("incomplete Saltelli design: some rows of A, B or AB_j are missing")
    return fA, fB, fAB


# ---- Morris ----------------------------------------------------------------------------------
def normalise(X, lower, upper, scale=None):
    """Parameter values as shares of their range ([0, 1]); log-scaled ones in log space."""
    X = np.asarray(X, dtype=float)
    lower, upper = np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
    log = np.array([s == "log" for s in scale]) if scale is not None else np.zeros(len(lower), bool)
    lo = np.where(log, np.log(np.where(log, lower, 1.0)), lower)
    hi = np.where(log, np.log(np.where(log, upper, 1.0)), upper)
    Xt = np.where(log, np.log(np.where(log, X, 1.0)), X)
    width = np.where(np.isfinite(hi - lo) & (hi != lo), hi - lo, 1.0)
    return (Xt - np.where(np.isfinite(lo), lo, 0.0)) / width


def _summarise_effects(ee):
    """mu, mu*, sigma over the rows of a [r, P] array of elementary effects (NaN = not observed)."""
    count = np.sum(np.isfinite(ee), axis=0)
    with warnings.catch_warnings():  # a parameter with fewer than 2 effects gets NaN, silently
        warnings.simplefilter("ignore", RuntimeWarning)
        mu = np.nanmean(ee, axis=0)
        mu_star = np.nanmean(np.abs(ee), axis=0)
        sigma = np.nanstd(ee, axis=0, ddof=1)
    return {"mu": mu, "mu_star": mu_star, "sigma": sigma, "count": count, "effects": ee}


def morris_effects(X, y, trajectory, changed, lower, upper, scale=None):
    """Morris (1991) elementary effects from trajectories, one value per design point.

    Rows of one trajectory must be in step order; `changed[k]` is the parameter changed from row
    k-1 to row k (-1 at step 0). EE = (y_k - y_{k-1}) / (x_k - x_{k-1}) in normalised units.
    Returns mu, mu_star (mean |EE|, Campolongo et al. 2007), sigma, count and effects [r, P]."""
    Z = normalise(X, lower, upper, scale)
    y, trajectory, changed = np.asarray(y, float), np.asarray(trajectory), np.asarray(changed)
    trajs = np.unique(trajectory)
    ee = np.full((len(trajs), Z.shape[1]), np.nan)
    for t, traj in enumerate(trajs):
        rows = np.flatnonzero(trajectory == traj)
        for prev, cur in zip(rows[:-1], rows[1:]):
            j = changed[cur]
            delta = Z[cur, j] - Z[prev, j]
            if j >= 0 and delta != 0:
                ee[t, j] = (y[cur] - y[prev]) / delta
    return _summarise_effects(ee)


def radial_effects(XA, XB, fA, fAB, lower, upper, scale=None):
    """Radial elementary effects from a Saltelli design: EE_ij = (fAB_ij - fA_i) / (xB_ij - xA_ij)
    in normalised units (Campolongo, Saltelli & Cariboni 2011). XA, XB [N, P]; fA [N]; fAB [N, P]."""
    ZA, ZB = normalise(XA, lower, upper, scale), normalise(XB, lower, upper, scale)
    delta = ZB - ZA
    with np.errstate(divide="ignore", invalid="ignore"):
        ee = np.where(np.abs(delta) > 1e-12, (np.asarray(fAB) - np.asarray(fA)[:, None]) / delta, np.nan)
    return _summarise_effects(ee)


# ---- replicates ------------------------------------------------------------------------------
def point_means(y, point):
    """Mean of y per design point (points in increasing order) and the replicates per point."""
    _, mean, _, _, _, counts = replicate_stats(y, point)
    return mean, counts


def replicate_noise(y, point):
    """How much of the output variance is replicate noise, from the spread within design points.

    Returns a dict: within_var (pooled variance between replicates of one point), total_var (of
    all runs), share_runs = within_var / total_var (the noise share of single runs), and
    share_means = (within_var / replicates) / variance of the point means (the noise left in the
    replicate means the indices are estimated from). None when there is one replicate per point."""
    y, point = np.asarray(y, float), np.asarray(point)
    means, counts = point_means(y, point)
    if counts.min() < 2:
        return None
    inverse = np.unique(point, return_inverse=True)[1]
    within = np.sum((y - means[inverse]) ** 2) / (len(y) - len(means))
    total = np.var(y, ddof=1)
    reps = float(np.mean(counts))
    var_means = np.var(means, ddof=1)
    return {"within_var": float(within), "total_var": float(total),
            "share_runs": float(within / total) if total > 0 else float("nan"),
            "share_means": float(within / reps / var_means) if var_means > 0 else float("nan"),
            "replicates": reps}


# ---- a sweep file ----------------------------------------------------------------------------
def analyse_sweep(sweep, column, resamples=1000, confidence=0.95, seed=12345):
    """Sobol (saltelli design) or Morris (morris design) analysis of one column of a sweep
    (a sweep_results.Sweep; `column` as Sweep.column takes it). Returns a JSON-ready dict."""
    y = sweep.column(column)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{column} has {np.sum(~np.isfinite(y))} NaN/inf values of {len(y)}")
    means, _ = point_means(y, sweep.point)
    first = np.unique(sweep.point, return_index=True)[1]
    X = sweep.params[first]
    P = len(sweep.parameters)
    out = {"sweep": sweep.path, "output": column, "unit": sweep.unit(column.split("[")[0]),
           "kind": sweep.kind, "parameters": list(sweep.parameters),
           "lower": sweep.lower.tolist(), "upper": sweep.upper.tolist(), "scale": list(sweep.scale),
           "runs": int(sweep.num_runs), "points": int(len(means)),
           "replicates": int(sweep.replicates), "seed_mode": sweep.seed_mode,
           "output_mean": float(np.mean(y)), "output_sd": float(np.std(y, ddof=1)),
           "replicate_noise": replicate_noise(y, sweep.point)}
    if not sweep.complete:
        raise ValueError(f"{sweep.path}: incomplete sweep (a shard); merge the shards first")
    if sweep.kind == "saltelli":
        matrix, sample = sweep.saltelli_matrix[first], sweep.saltelli_sample[first]
        fA, fB, fAB = saltelli_split(means, matrix, sample, P)
        xa, xb = np.zeros((len(fA), P)), np.zeros((len(fA), P))
        xa[sample[matrix == -1]] = X[matrix == -1]
        xb[sample[matrix == -2]] = X[matrix == -2]
        out["base_samples"] = int(len(fA))
        out["sobol"] = _lists(sobol_bootstrap(fA, fB, fAB, resamples, confidence, seed))
        out["morris"] = _lists(radial_effects(xa, xb, fA, fAB, sweep.lower, sweep.upper, sweep.scale))
        out["morris"]["method"] = "radial (A vs AB_j of the Saltelli design)"
    elif sweep.kind == "morris":
        traj, changed = sweep.morris_trajectory[first], sweep.morris_changed[first]
        order = np.lexsort((sweep.morris_step[first], traj))
        out["morris"] = _lists(morris_effects(X[order], means[order], traj[order], changed[order],
                                              sweep.lower, sweep.upper, sweep.scale))
        out["morris"]["method"] = "trajectories (Morris 1991)"
    else:
        raise ValueError(f"{sweep.path}: a {sweep.kind!r} design has no Sobol or Morris estimator "
                         f"(use kind = \"saltelli\" or \"morris\")")
    return out


def _lists(d):
    return {k: (v.tolist() if isinstance(v, np.ndarray) else v) for k, v in d.items()}


def json_safe(obj):
    """obj with NaN/inf floats replaced by None (strict JSON) and numpy scalars as Python ones."""
    if isinstance(obj, dict):
        return {k: json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, (float, np.floating)):
        return float(obj) if np.isfinite(obj) else None
    if isinstance(obj, np.integer):
        return int(obj)
    return obj


def format_table(result):
    """The result as a plain-text table, one row per parameter."""
    lines = [f"{result['output']} ({result['kind']} design, {result['points']} points x "
             f"{result['replicates']} replicates; mean {result['output_mean']:.4g}, "
             f"s.d. {result['output_sd']:.4g})"]
    s, m = result.get("sobol"), result.get("morris")
    head = f"  {'parameter':<44}"
    if s:
        pct = round(100 * s["confidence"])
        head += f" {'S1':>7} {f'[{pct}% CI]':>17} {'ST':>7} {f'[{pct}% CI]':>17}"
    head += f" {'mu*':>10} {'mu':>10} {'sigma':>10}"
    lines.append(head)
    for j, name in enumerate(result["parameters"]):
        row = f"  {name:<44}"
        if s:
            row += (f" {s['S1'][j]:7.3f} [{s['S1_lo'][j]:6.3f}, {s['S1_hi'][j]:6.3f}]"
                    f" {s['ST'][j]:7.3f} [{s['ST_lo'][j]:6.3f}, {s['ST_hi'][j]:6.3f}]")
        row += f" {m['mu_star'][j]:10.4g} {m['mu'][j]:10.4g} {m['sigma'][j]:10.4g}"
        lines.append(row)
    if s:
        lines.append(f"  sum S1 = {sum(s['S1']):.3f}, sum ST = {sum(s['ST']):.3f}; "
                     f"{s['resamples']} bootstrap resamples of the {result['base_samples']} base samples")
    noise = result["replicate_noise"]
    if noise:
        lines.append(f"  replicate noise: {100 * noise['share_runs']:.1f} % of the variance of single "
                     f"runs, {100 * noise['share_means']:.1f} % of the variance of the replicate means")
    else:
        lines.append("  replicate noise: not estimable (one replicate per point)")
    return "\n".join(lines)


def column_from_args(args):
    """The Sweep.column name for --output/--month/--phase/--summary/--group."""
    if args.summary:
        return args.summary
    if not args.output:
        raise KeyError("give --output NAME (with --month or --phase) or --summary NAME")
    name = args.output
    if args.month:
        name += f"[{args.month}]"
    elif args.phase:
        name += f"[{args.phase}]"
    if args.group:
        name += "{" + args.group + "}"
    return name


def add_column_args(ap):
    g = ap.add_argument_group("the output analysed (one column of the sweep)")
    g.add_argument("--output", help="series or summary scalar name (or a full column name, "
                                    "e.g. rate_active_monthly[2020-05])")
    g.add_argument("--month", help="YYYY-MM: the value of monthly series OUTPUT in that month")
    g.add_argument("--phase", choices=("pre", "mid", "post"), help="phase mean of daily series OUTPUT")
    g.add_argument("--summary", help="a summary scalar by name")
    g.add_argument("--group", help="one group of a grouped series")


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="sensitivity.py", description=__doc__.split("\n")[0])
    ap.add_argument("sweep", help="sweep result file (saltelli or morris design)")
    add_column_args(ap)
    ap.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples B (1000)")
    ap.add_argument("--confidence", type=float, default=0.95, help="confidence level (0.95)")
    ap.add_argument("--bootstrap-seed", type=int, default=12345, help="bootstrap RNG seed (12345)")
    ap.add_argument("--json", help="write the result to this JSON file")
    ap.add_argument("--plot", help="write a figure (Sobol bars and Morris mu*-sigma) to this PNG")
    args = ap.parse_args(argv[1:])
    try:
        sweep = sweep_results.load_sweep(args.sweep)
        result = analyse_sweep(sweep, column_from_args(args), args.resamples, args.confidence,
                               args.bootstrap_seed)
    except sweep_results.CLI_ERRORS as e:
        print(sweep_results.error_line("sensitivity", args.sweep, e), file=sys.stderr)
        return 1
    print(format_table(result))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(json_safe(result), fh, indent=1, allow_nan=False)
        print(f"wrote {args.json}")
    if args.plot:
        import plot_sweep
        plot_sweep.save_sensitivity_figure(result, args.plot)
        print(f"wrote {args.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
