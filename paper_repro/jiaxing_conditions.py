#!/usr/bin/python3
"""Test the article's claim about the four conditions: a 2^4 factorial and a Morris screen.

    /usr/bin/python3 paper_repro/jiaxing_conditions.py            # 1/100 scale (~3 min CPU)
    /usr/bin/python3 paper_repro/jiaxing_conditions.py --reuse    # re-analyse the last sweep files
    /usr/bin/python3 paper_repro/jiaxing_conditions.py --full     # the factorial at full scale (hours)
    /usr/bin/python3 paper_repro/jiaxing_conditions.py --small --out /tmp/x   # seconds: a smoke test

Seed 000 claims that public entrepreneurs, critical mass, co-production incentives and
accountability are each needed for transformative resilience, and that without them the platform
fades like most crisis platforms. In the model each condition is a level 0...1 acting through its
mechanism (docs/jiaxing_model.md, "The four conditions as levels"). This script runs

  1. scenarios/sweeps/jiaxing_conditions.toml: every combination of the four levels at 0 (absent)
     and 1 (as calibrated), 8 replicates with common random numbers (1/100 of Jiaxing), and
     estimates main effects and all interactions (the usual 2^k contrasts: mean of y where the
     contrast is +1 minus mean where it is -1) per replicate, with t intervals over replicates;
     it also gives, for each condition, the effect of removing it from the full scenario, and
     whether the platform "fades" (post-crisis activity back to the pre-crisis level) in each cell;
  2. scenarios/sweeps/jiaxing_conditions_morris.toml: Morris elementary effects of the four levels
     and 12 hand-set parameters of their mechanisms on the same outputs (mu*, sigma; 95 %
     bootstrap intervals of mu* over trajectories).

Outputs: the monthly active rate in May 2020 (the seed's post-crisis 30 %) and December 2020,
`activity_post` (mean rate from May to December 2020), and the platform's reach in December
(monthly active users per adult). A rate alone can hide a shrinking platform, so both are shown.

Writes jiaxing_conditions.png and jiaxing_conditions.json to --out (default $TMPDIR/govsim-repro;
--refresh-committed writes paper_repro/output/) and prints the tables. The sweep results (HDF5)
are kept in --out for --reuse.
"""
import argparse
import itertools
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402

import jiaxing_common  # noqa: E402
import plot_sweep  # noqa: E402
import repro_output  # noqa: E402
import sensitivity  # noqa: E402
import sweep_runner  # noqa: E402
import sweep_results  # noqa: E402

FACTORIAL = os.path.join(ROOT, "scenarios", "sweeps", "jiaxing_conditions.toml")
MORRIS = os.path.join(ROOT, "scenarios", "sweeps", "jiaxing_conditions_morris.toml")
CONDITIONS = ["public_entrepreneurs", "critical_mass", "coproduction_incentives", "accountability"]
SHORT = {"public_entrepreneurs": "E", "critical_mass": "C", "coproduction_incentives": "I", "accountability": "A"}
# name -> (label, function of a sweep giving one value per run)
OUTPUTS = {
    "may_2020": ("monthly active rate, May 2020", lambda s: s.column("rate_active_monthly[2020-05]")),
    "dec_2020": ("monthly active rate, Dec 2020", lambda s: s.column("rate_active_monthly[2020-12]")),
    "activity_post": ("mean monthly rate, May-Dec 2020", lambda s: s.column("activity_post")),
    "reach_dec_2020": ("monthly active users per adult, Dec 2020",
                       lambda s: s.column("n_active_monthly[2020-12]") / residents(s)),
}
PRE = ("activity_pre", "mean monthly rate, Nov-Dec 2019")
# Overrides of the sweep files for --small (a smoke test) and --full (Jiaxing's 4.5 M adults).
TINY = {"population.residents": "2000", "population.officials": "4", "population.firms": "20"}
SMALL = {"factorial": dict(TINY, replicates="2"), "morris": dict(TINY, samples="2")}
FULL = {"factorial": {"replicates": "3", "population.residents": "4500000", "population.officials": "9000",
                      "population.firms": "45000"}, "morris": {}}


def residents(sweep):
    """Adults per run: population.residents from the sweep file's [sweep.set] (stored in the result)."""
    m = re.search(r"(?m)^\s*population\.residents\s*=\s*(\d+)", sweep.provenance.get("sweep_source", ""))
    if not m:
        raise ValueError(f"{sweep.path}: the sweep file does not set population.residents")
    return float(m.group(1))


def interval(samples, confidence=0.95):
    """Mean and t interval of the mean over replicates (NaN bounds with one replicate)."""
    x = np.asarray(samples, dtype=float)
    m = float(np.mean(x))
    if len(x) < 2:
        return {"mean": m, "lo": None, "hi": None, "sd": None, "n": int(len(x))}
    half = stats.t.ppf(0.5 + confidence / 2, len(x) - 1) * np.std(x, ddof=1) / np.sqrt(len(x))
    return {"mean": m, "lo": m - half, "hi": m + half, "sd": float(np.std(x, ddof=1)), "n": int(len(x))}


def factorial_cells(sweep, y):
    """y arranged as [replicate, cell]: cell = binary number of the four levels (E the highest bit)."""
    cols = [sweep.parameter_index("jiaxing.conditions." + c) for c in CONDITIONS]
    levels = sweep.params[:, cols]
    if not np.all(np.isin(levels, (0.0, 1.0))):
        raise ValueError("the factorial needs every condition at level 0 or 1")
    cell = (levels.astype(int) * (1 << np.arange(len(CONDITIONS))[::-1])).sum(axis=1)
    R = sweep.replicates
    replicate = np.arange(sweep.num_runs) % R  # run index = point x replicates + replicate
    table = np.full((R, 1 << len(CONDITIONS)), np.nan)
    table[replicate, cell] = y
    if not np.all(np.isfinite(table)):
        raise ValueError("the factorial is incomplete or an output is NaN")
    return table


def contrasts():
    """Every non-empty subset of the conditions with its +-1 contrast over the 16 cells."""
    k = len(CONDITIONS)
    signs = np.array([[1 if (cell >> (k - 1 - j)) & 1 else -1 for j in range(k)] for cell in range(1 << k)])
    out = []
    for order in range(1, k + 1):
        for subset in itertools.combinations(range(k), order):
            out.append(("x".join(SHORT[CONDITIONS[j]] for j in subset), subset,
                        np.prod(signs[:, list(subset)], axis=1)))
    return out


def analyse_factorial(sweep):
    k = len(CONDITIONS)
    full, none = (1 << k) - 1, 0
    pre = factorial_cells(sweep, sweep.column(PRE[0]))
    result = {"cells": [], "outputs": {}}
    for cell in range(1 << k):
        result["cells"].append({c: (cell >> (k - 1 - j)) & 1 for j, c in enumerate(CONDITIONS)})
    result["pre_crisis"] = interval(pre.mean(axis=1))
    for name, (label, fn) in OUTPUTS.items():
        table = factorial_cells(sweep, fn(sweep))
        effects = {}
        for label_e, subset, sign in contrasts():
            # 2^k effect: mean where the contrast is +1 minus mean where it is -1, per replicate.
            per_rep = (table * sign).sum(axis=1) / (1 << (k - 1))
            effects[label_e] = dict(interval(per_rep), order=len(subset))
        removal = {}
        for j, c in enumerate(CONDITIONS):
            without = full & ~(1 << (k - 1 - j))
            removal[c] = interval(table[:, without] - table[:, full])
        cells = [interval(table[:, cell]) for cell in range(1 << k)]
        entry = {"label": label, "effects": effects, "removal_from_full": removal, "cell_means": cells,
                 "full": interval(table[:, full]), "none": interval(table[:, none])}
        if name != "reach_dec_2020":
            # "Fades": post-crisis activity at or below the pre-crisis level plus the activity
            # targets' tolerance (paper_repro/targets/jiaxing.toml), judged on each cell's mean.
            margin = jiaxing_common.ACTIVITY_TOLERANCE
            entry["fades"] = [bool(cells[c]["mean"] <= result["pre_crisis"]["mean"] + margin) for c in range(1 << k)]
        result["outputs"][name] = entry
    return result


def analyse_morris(sweep, resamples, seed=12345):
    out = {}
    rng = np.random.default_rng(seed)
    for name, (label, fn) in OUTPUTS.items():
        if name == "reach_dec_2020":
            continue  # analyse_sweep reads named columns; reach is a ratio of two
        column = {"may_2020": "rate_active_monthly[2020-05]", "dec_2020": "rate_active_monthly[2020-12]",
                  "activity_post": "activity_post"}[name]
        r = sensitivity.analyse_sweep(sweep, column, resamples=resamples)
        ee = np.asarray(r["morris"]["effects"], dtype=float)
        boots = []
        for _ in range(resamples):
            rows = ee[rng.integers(0, len(ee), len(ee))]
            with np.errstate(all="ignore"):
                boots.append(np.nanmean(np.abs(rows), axis=0))
        boots = np.array(boots)
        r["morris"]["mu_star_lo"] = np.nanpercentile(boots, 2.5, axis=0).tolist()
        r["morris"]["mu_star_hi"] = np.nanpercentile(boots, 97.5, axis=0).tolist()
        r["morris"] = {k: v for k, v in r["morris"].items() if k != "effects"}
        out[name] = r
    return out


def format_factorial(f):
    lines = []
    for name, o in f["outputs"].items():
        lines.append(f"\n{o['label']}: all four {fmt(o['full'])}, none {fmt(o['none'])}; "
                     f"pre-crisis rate {fmt(f['pre_crisis'])}")
        lines.append("  effect (level 0 -> 1, averaged over the others)  mean [95 % CI]")
        for e, v in o["effects"].items():
            lines.append(f"    {e:<8} {fmt(v)}")
        lines.append("  removing one condition from the full scenario")
        for c, v in o["removal_from_full"].items():
            lines.append(f"    {c:<24} {fmt(v)}")
        if "fades" in o:
            faded = [cell_name(f["cells"][c]) for c, x in enumerate(o["fades"]) if x]
            lines.append(f"  cells where it fades to the pre-crisis level: {', '.join(faded) or 'none'}")
    return "\n".join(lines)


def cell_name(cell):
    on = "".join(SHORT[c] for c in CONDITIONS if cell[c])
    return on or "-"


def fmt(v):
    if v["lo"] is None:
        return f"{v['mean']:+.4f}"
    return f"{v['mean']:+.4f} [{v['lo']:+.4f}, {v['hi']:+.4f}]"


def figure(fact, morris, path, title):
    fig, axes = plt.subplots(1, 3, figsize=(17, 5))
    ax = axes[0]
    names = list(fact["outputs"]["may_2020"]["effects"])
    x = np.arange(len(names))
    for off, key, colour in ((-0.2, "may_2020", "C0"), (0.2, "dec_2020", "C1")):
        eff = fact["outputs"][key]["effects"]
        m = np.array([eff[n]["mean"] for n in names])
        lo = np.array([eff[n]["lo"] if eff[n]["lo"] is not None else eff[n]["mean"] for n in names])
        hi = np.array([eff[n]["hi"] if eff[n]["hi"] is not None else eff[n]["mean"] for n in names])
        ax.bar(x + off, 100 * m, 0.4, yerr=100 * np.vstack([m - lo, hi - m]), color=colour, capsize=2,
               label=fact["outputs"][key]["label"])
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xticks(x)
    ax.set_xticklabels(names, rotation=60, fontsize=8)
    ax.set_ylabel("effect on the monthly active rate (pp)")
    ax.set_title("2^4 factorial: main effects and interactions (95 % CI over replicates)\n"
                 "E entrepreneurs, C critical mass, I incentives, A accountability", fontsize=9)
    ax.legend(fontsize=8)

    ax = axes[1]
    cells = fact["cells"]
    order = np.argsort([fact["outputs"]["activity_post"]["cell_means"][c]["mean"] for c in range(len(cells))])
    post = fact["outputs"]["activity_post"]["cell_means"]
    reach = fact["outputs"]["reach_dec_2020"]["cell_means"]
    ax.barh(np.arange(len(order)), [100 * post[c]["mean"] for c in order], color="C2",
            label="mean monthly rate May-Dec 2020")
    ax.scatter([100 * reach[c]["mean"] for c in order], np.arange(len(order)), color="k", zorder=3, s=12,
               label="active users per 100 adults, Dec 2020")
    ax.axvline(100 * fact["pre_crisis"]["mean"], color="r", ls="--", lw=0.9, label="pre-crisis rate (Nov-Dec 2019)")
    ax.set_yticks(np.arange(len(order)))
    ax.set_yticklabels([cell_name(cells[c]) for c in order], fontsize=8)
    ax.set_xlabel("%")
    ax.set_title("Post-crisis activity in each combination (conditions present)", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")

    ax = axes[2]
    plot_sweep.plot_morris(ax, morris["dec_2020"])
    ax.set_title("Morris screen, Dec 2020 rate: four levels and 12 hand-set parameters", fontsize=9)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--govsim", default=sweep_runner.find_govsim())
    repro_output.add_arguments(ap)
    ap.add_argument("--threads", type=int, default=2, help="runs in parallel (2)")
    ap.add_argument("--reuse", action="store_true", help="analyse the sweep files already in --out")
    ap.add_argument("--small", action="store_true", help="tiny populations and designs: a smoke test")
    ap.add_argument("--full", action="store_true", help="the factorial at Jiaxing's full 4.5 M adults (3 replicates)")
    ap.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples for Morris mu* (2000)")
    args = ap.parse_args(argv[1:])
    if args.small and args.full:
        ap.error("--small and --full exclude each other")
    args.out = repro_output.resolve(ap, args)
    tag = "_small" if args.small else ("_full" if args.full else "")
    overrides = SMALL if args.small else (FULL if args.full else {})
    h5_f = os.path.join(args.out, f"jiaxing_conditions_factorial{tag}.h5")
    h5_m = os.path.join(args.out, f"jiaxing_conditions_morris{tag}.h5")
    wall = {}
    for name, sweep_file, h5 in (("factorial", FACTORIAL, h5_f), ("morris", MORRIS, h5_m)):
        if not (args.reuse and os.path.exists(h5)):
            wall[name] = sweep_runner.run_sweep(args.govsim, sweep_file, h5, args.threads,
                                                overrides.get(name), extra_args=("--force",))
    fs = sweep_results.load_sweep(h5_f)
    ms = sweep_results.load_sweep(h5_m)
    fact = analyse_factorial(fs)
    morris = analyse_morris(ms, 256 if args.small else args.resamples)
    print(f"factorial: {fs.num_runs} runs ({fs.replicates} replicates); Morris: {ms.num_runs} runs"
          + (f"; wall {', '.join(f'{k} {v:.0f} s' for k, v in wall.items())}" if wall else " (reused)"))
    print(format_factorial(fact))
    for name, r in morris.items():
        print(f"\nMorris, {OUTPUTS[name][0]}:")
        print(sensitivity.format_table(r))
    scale = "full scale" if args.full else ("smoke test" if args.small else "1/100 scale (factorial), 20 000 adults (Morris)")
    png = os.path.join(args.out, "jiaxing_conditions.png")
    js = os.path.join(args.out, "jiaxing_conditions.json")
    figure(fact, morris, png, f"Jiaxing: are the four conditions each needed? ({scale}; {fs.num_runs} + "
           f"{ms.num_runs} runs; commit {fs.attrs.get('git_commit', '?')})")
    record = {"factorial_sweep": os.path.relpath(FACTORIAL, ROOT), "morris_sweep": os.path.relpath(MORRIS, ROOT),
              "small": args.small, "full": args.full, "overrides": overrides,
              "runs": {"factorial": int(fs.num_runs), "morris": int(ms.num_runs)}, "wall_time_s": wall,
              "govsim_version": fs.attrs.get("govsim_version"), "git_commit": fs.attrs.get("git_commit"),
              "factorial": fact, "morris": morris}
    write_record(js, record)
    print(f"wrote the figure {png} and the record {js}")
    return 0


def write_record(path, record):
    with open(path, "w") as fh:
        json.dump(sensitivity.json_safe(record), fh, indent=1, allow_nan=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
