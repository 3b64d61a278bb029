"""Synthetic sweep files for the Python tests, written with h5py to docs/sweep_results_layout.md.

`saltelli_design` and `morris_design` build the designs in the order of the contract;
`write_sweep` evaluates a function of the parameters (plus replicate noise) and writes a file
that looks like `govsim sweep` output: 2 months of daily and monthly series, summary scalars and
phase means, with the function's value as the summary scalar `y` and the monthly series `ym`.
"""
import h5py
import numpy as np

ISHIGAMI_BOUNDS = (-np.pi, np.pi)
# Analytic indices of Ishigami (a = 7, b = 0.1): Saltelli et al. (2008), Global Sensitivity
# Analysis: The Primer, section 4.8.
ISHIGAMI_S1 = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])


def ishigami(X, a=7.0, b=0.1):
    X = np.asarray(X, dtype=float)
    return np.sin(X[:, 0]) + a * np.sin(X[:, 1]) ** 2 + b * X[:, 2] ** 4 * np.sin(X[:, 0])


def saltelli_design(n, lower, upper, seed=1):
    """Points [n*(P+2), P] in contract order (A_i, B_i, AB_i^0..AB_i^{P-1}), with matrix and sample."""
    from scipy.stats import qmc
    lower, upper = np.asarray(lower, float), np.asarray(upper, float)
    p = len(lower)
    u = qmc.Sobol(d=2 * p, scramble=True, seed=seed).random(n)
    A = lower + (upper - lower) * u[:, :p]
    B = lower + (upper - lower) * u[:, p:]
    rows, matrix = [], []
    for i in range(n):
        rows += [A[i], B[i]]
        matrix += [-1, -2]
        for j in range(p):
            ab = A[i].copy()
            ab[j] = B[i, j]
            rows.append(ab)
            matrix.append(j)
    sample = np.repeat(np.arange(n), p + 2)
    return np.array(rows), np.array(matrix, dtype=np.int32), sample


def morris_design(trajectories, lower, upper, levels=4, seed=1):
    """Morris trajectories: points [r*(P+1), P], trajectory, step, changed (contract order)."""
    rng = np.random.default_rng(seed)
    lower, upper = np.asarray(lower, float), np.asarray(upper, float)
    p = len(lower)
    delta = levels / (2.0 * (levels - 1))
    grid = np.arange(levels // 2) / (levels - 1)  # starting levels from which +delta stays in [0, 1]
    rows, traj, step, changed = [], [], [], []
    for t in range(trajectories):
        z = rng.choice(grid, size=p)
        order = rng.permutation(p)
        rows.append(z.copy())
        changed.append(-1)
        for j in order:
            z[j] = z[j] + delta
            rows.append(z.copy())
            changed.append(j)
        traj += [t] * (p + 1)
        step += list(range(p + 1))
    X = lower + (upper - lower) * np.array(rows)
    return X, np.array(traj), np.array(step, dtype=np.int32), np.array(changed, dtype=np.int32)


def write_sweep(path, names, lower, upper, X, func, replicates=1, noise_sd=0.0, kind="saltelli",
                extra=None, seed_mode="per_run", base_samples=None, morris_levels=4, overrides=None):
    """Writes a sweep file whose runs evaluate func(X) + N(0, noise_sd) per replicate.

    `extra` holds the design-specific /runs datasets per design point (saltelli_matrix, ...);
    `overrides` maps a root attribute to a replacement value (or None to leave it out), so that
    tests can write a broken file."""
    X = np.asarray(X, dtype=float)
    points, p = X.shape
    runs = points * replicates
    rng = np.random.default_rng(7)
    point = np.repeat(np.arange(points), replicates)
    replicate = np.tile(np.arange(replicates), points)
    params = X[point]
    y = np.asarray(func(params), dtype=float) + noise_sd * rng.standard_normal(runs)
    dates = [f"2020-{m:02d}-{d:02d}" for m, days in ((1, 31), (2, 29)) for d in range(1, days + 1)]
    months = ["2020-01", "2020-02"]
    t = len(dates)
    with h5py.File(path, "w") as f:
        attrs = {"format": "govsim-sweep", "format_version": 1, "govsim_version": "test",
                 "git_commit": "none", "model": "synthetic", "num_runs": runs, "complete": 1}
        attrs.update(overrides or {})
        for k, v in attrs.items():
            if v is not None:
                f.attrs[k] = v
        prov = f.create_group("provenance")
        for k in ("sweep_source", "base_scenario_source", "base_scenario_resolved"):
            prov[k] = f"# {k}\n"
        prov.attrs.update({"sweep_path": "synthetic.toml", "base_scenario_path": "base.toml",
                           "sweep_seed": np.uint64(1), "sweep_hash": "00ff", "command_line": "test",
                           "threads": 1, "mpi_ranks": 1, "shard": "", "created_utc": "now",
                           "wall_time_s": 0.0})
        d = f.create_group("design")
        d["parameters"] = np.array(names, dtype=h5py.string_dtype())
        d["lower"], d["upper"] = np.asarray(lower, float), np.asarray(upper, float)
        d["scale"] = np.array(["linear"] * p, dtype=h5py.string_dtype())
        d.attrs.update({"kind": kind, "replicates": replicates, "seed_mode": seed_mode,
                        "base_samples": base_samples if base_samples is not None else points})
        if kind == "morris":
            d.attrs["morris_levels"] = morris_levels
        r = f.create_group("runs")
        r["index"] = np.arange(runs, dtype=np.int64)
        r["point"] = point.astype(np.int64)
        r["replicate"] = replicate.astype(np.int64)
        r["seed"] = (np.arange(runs) * 7919 + 1).astype(np.uint64)
        r["params"] = params
        r["wall_time_s"] = np.full(runs, 0.01)
        for k, v in (extra or {}).items():
            r[k] = np.asarray(v)[point]
        f["time/daily/date"] = np.array(dates, dtype=h5py.string_dtype())
        f["time/monthly/month"] = np.array(months, dtype=h5py.string_dtype())
        # Daily series: y on every day; a grouped series with two groups (y and 2y).
        yd = f.create_dataset("series/daily/yd", data=np.repeat(y[:, None], t, axis=1))
        yd.attrs.update({"unit": "widgets", "description": "y every day", "kind": "rate"})
        g = f.create_dataset("series/daily/yg", data=np.stack([np.repeat(y[:, None], t, 1),
                                                               np.repeat(2 * y[:, None], t, 1)], 2))
        g.attrs.update({"unit": "widgets", "description": "y by group", "kind": "rate",
                        "group_by": "age", "groups": "young,old"})
        ym = f.create_dataset("series/monthly/ym", data=np.stack([y, y + 1], axis=1))
        ym.attrs.update({"unit": "widgets", "description": "y, then y + 1", "kind": "rate"})
        s = f.create_dataset("summary/scalars/y", data=y)
        s.attrs.update({"unit": "widgets", "description": "the function's value"})
        f["summary/scalars/x0"] = params[:, 0]
        pm = np.stack([y, np.full(runs, np.nan), 3 * y], axis=1)
        f["summary/phase_means/yd"] = pm
    return y
