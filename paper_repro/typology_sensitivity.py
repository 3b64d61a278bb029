"""Global sensitivity of the platform's gain by collaboration type (issue 16, point 1).

Used by `paper_repro/typology_sweep.py --sensitivity`. For each type of seed 002 (the scenarios
scenarios/typology_I..IV.toml, with adoption and participants on) it runs
  - the no-platform arm: `replicates` runs with collab.platform.enabled = false (its outcome does not
    depend on any varied parameter: they are all platform-side), and
  - a Morris design (`govsim sweep`, design "morris", common random numbers) over the platform-side
    parameters below, platform on,
and defines the platform's gain at a design point as 1 - close_on / mean(close_off) for the mean
hours to close, and likewise for official hours per closed task (100 / efficiency). Reported per
type: Morris mu* and sigma of the gain (analysis/sensitivity.py), the share of design points where
the gain vanishes or reverses (gain <= 0), and for each parameter the mean gain at its low and high
levels, so one can read where in parameter space the gain goes away.
"""
import json
import os
import subprocess

import numpy as np

import govsim_runner as gr  # noqa: E402  (analysis/ on sys.path, set by the caller)
import sensitivity  # noqa: E402
import sweep_results  # noqa: E402

TYPES = ["I", "II", "III", "IV"]
# (name, low, high, why this range)
PARAMETERS = [
    ("collab.adoption.official_mean_days", 0.0, 90.0, "immediate to three months"),
    ("collab.adoption.resident_mean_days", 0.0, 365.0, "immediate to a year"),
    ("collab.adoption.learning_slowdown", 0.0, 1.0, "no learning cost to twice the work time"),
    ("collab.adoption.record_hours", 0.0, 0.5, "no formalism to half an hour an item"),
    ("collab.adoption.category_definition", 0.2, 1.0, "few to all categories well defined"),
    ("collab.adoption.induced_ratio", 0.0, 1.5, "no induced matters to 1.5 per task"),
    ("collab.platform.handoff_hours", 0.25, 8.0, "the default platform value to the no-platform one"),
    ("collab.platform.threshold", 0.2, 0.8, "a low reach cost to the no-platform one"),
]
OUTPUTS = [("mean_close_hours", "hours to close"),
           ("efficiency_per_100_official_hours", "official hours per closed task")]


def small_sets(scale):
    """--set values of the reduced scale (`scale` a dict: residents, officials, units, per_day, end)."""
    return [f"population.residents={scale['residents']}", f"population.officials={scale['officials']}",
            f"collab.units={scale['units']}", f"collab.tasks.per_day={scale['per_day']}",
            f"calendar.end={scale['end']}"]


def sweep_spec(t, scale, trajectories, seed):
    lines = ["[sweep]", f'scenario = "{os.path.join(gr.ROOT, "scenarios", f"typology_{t}.toml")}"',
             f"seed = {seed}", 'design = "morris"', f"samples = {trajectories}", "morris_levels = 4",
             'seed_mode = "common"', "", "[sweep.set]"]
    for s in small_sets(scale):
        k, v = s.split("=", 1)
        lines.append(f'"{k}" = {v}')
    for name, lo, hi, _ in PARAMETERS:
        lines += ["", "[[sweep.parameters]]", f'name = "{name}"', f"min = {lo}", f"max = {hi}"]
    return "\n".join(lines) + "\n"


def hours_per_task(eff):
    return 100.0 / np.asarray(eff, float)


def analyse_type(t, sweep_path, off_results):
    sw = sweep_results.load_sweep(sweep_path)
    out = {"runs": int(sw.num_runs), "outputs": {}}
    for col, label in OUTPUTS:
        off = np.array([r.summary[col] for r in off_results], float)
        on = sw.column(col)
        if col.startswith("efficiency"):
            off, on = hours_per_task(off), hours_per_task(on)
        off_mean = float(np.mean(off))
        gain = 1.0 - on / off_mean
        first = np.unique(sw.point, return_index=True)[1]
        X = sw.params[first]
        g = gain[first]
        traj, changed = sw.morris_trajectory[first], sw.morris_changed[first]
        order = np.lexsort((sw.morris_step[first], traj))
        eff = sensitivity.morris_effects(X[order], g[order], traj[order], changed[order], sw.lower, sw.upper,
                                         sw.scale)
        by_param = {}
        for j, (name, lo, hi, why) in enumerate(PARAMETERS):
            xs = X[:, j]
            low, high = xs <= np.quantile(xs, 0.5) - 1e-12, xs >= np.quantile(xs, 0.5) + 1e-12
            if not low.any() or not high.any():
                low, high = xs == xs.min(), xs == xs.max()
            by_param[name] = {"range": [lo, hi], "why": why,
                              "mu_star": float(eff["mu_star"][j]), "mu": float(eff["mu"][j]),
                              "sigma": float(eff["sigma"][j]),
                              "mean_gain_low_half": float(np.mean(g[low])),
                              "mean_gain_high_half": float(np.mean(g[high])),
                              "share_no_gain_low_half": float(np.mean(g[low] <= 0)),
                              "share_no_gain_high_half": float(np.mean(g[high] <= 0))}
        out["outputs"][col] = {"label": label, "off_mean": off_mean, "off_values": off.tolist(),
                               "gain_points": g.tolist(), "points": X.tolist(),
                               "share_points_no_gain": float(np.mean(g <= 0)),
                               "gain_min": float(np.min(g)), "gain_median": float(np.median(g)),
                               "gain_max": float(np.max(g)), "parameters": by_param}
    return out


def run(govsim, work, scale, trajectories, replicates, seed=2016):
    """Runs the sweeps and the no-platform arms; returns the JSON-ready record."""
    record = {"parameters": [{"name": n, "low": lo, "high": hi, "why": w} for n, lo, hi, w in PARAMETERS],
              "scale": scale, "trajectories": trajectories, "replicates_off": replicates, "types": {}}
    for t in TYPES:
        spec = os.path.join(work, f"sens_{t}.toml")
        with open(spec, "w", encoding="utf-8") as f:
            f.write(sweep_spec(t, scale, trajectories, seed))
        out = os.path.join(work, f"sens_{t}.h5")
        proc = subprocess.run(["nice", "-n", "10", govsim, "sweep", spec, "-q", "-y", "-o", out, "--threads", "2"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"typology_sweep: the sensitivity sweep of type {t} failed:\n{proc.stderr}")
        off = gr.run_replicates(govsim, os.path.join(gr.ROOT, "scenarios", f"typology_{t}.toml"),
                                small_sets(scale) + ["collab.platform.enabled=false"], replicates, work,
                                f"off-{t}", jobs=2)
        record["types"][t] = analyse_type(t, out, off)
        os.remove(out)
        print(f"  type {t}: {record['types'][t]['runs']} sweep runs + {replicates} without a platform", flush=True)
    return record


def draw(record, path):
    import matplotlib.pyplot as plt
    names = [p["name"].split(".")[-1] for p in record["parameters"]]
    fig, axes = plt.subplots(2, 4, figsize=(18, 8.5), constrained_layout=True)
    for c, t in enumerate(TYPES):
        o = record["types"][t]["outputs"]["mean_close_hours"]
        ax = axes[0, c]
        mu = [o["parameters"][p["name"]]["mu_star"] for p in record["parameters"]]
        sg = [o["parameters"][p["name"]]["sigma"] for p in record["parameters"]]
        y = np.arange(len(names))[::-1]
        ax.barh(y, mu, color="#457b9d", label="μ* (mean |elementary effect|)")
        ax.plot(sg, y, "o", color="#e76f51", label="σ (interaction / non-linearity)")
        ax.set_yticks(y, names, fontsize=8)
        ax.set_xlabel("effect on the gain in hours to close (per full range)")
        ax.set_title(f"type {t}: what moves the platform's gain", fontsize=10)
        if c == 0:
            ax.legend(fontsize=8, loc="lower right")
        # Where the gain vanishes: gain at each point against the most influential parameter.
        j = int(np.argmax(mu))
        pts = np.array(o["points"])
        g = np.array(o["gain_points"])
        ax = axes[1, c]
        ax.scatter(pts[:, j], 100 * g, c=np.where(g > 0, "#2a9d8f", "#e63946"), s=18)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xlabel(record["parameters"][j]["name"], fontsize=8)
        ax.set_ylabel("gain in hours to close, %")
        ax.set_title(f"type {t}: gain ≤ 0 at {100 * o['share_points_no_gain']:.0f} % of points\n"
                     f"(no platform: {o['off_mean']:.3g} h to close)", fontsize=10)
    sc = record["scale"]
    fig.suptitle(f"Morris screening of the platform's gain by type ({record['trajectories']} trajectories x "
                 f"{len(names) + 1} points per type; {sc['residents']:,} residents, {sc['officials']} officials, "
                 f"{sc['per_day']} tasks/day, to {sc['end']}); red: the platform does not help", fontsize=11)
    fig.savefig(path, dpi=100)


def write(record, path):
    def clean(o):
        if isinstance(o, dict):
            return {k: clean(v) for k, v in o.items()}
        if isinstance(o, list):
            return [clean(v) for v in o]
        if isinstance(o, float) and not np.isfinite(o):
            return None
        return o
    with open(path, "w", encoding="utf-8") as f:
        json.dump(clean(record), f, indent=1, allow_nan=False)
