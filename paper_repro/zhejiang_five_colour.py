#!/usr/bin/python3
"""Zhejiang's five-colour map, enterprise resumption and counterfactuals branched from 9 Feb 2020.

    /usr/bin/python3 paper_repro/zhejiang_five_colour.py [--small] [--replicates N] [--out DIR]
    /usr/bin/python3 paper_repro/zhejiang_five_colour.py --posterior POST.h5 [--replicates N]

Without --posterior the runs use the scenario's declared defaults (UNCALIBRATED, said in the
figure). With --posterior (a `govsim calibrate` posterior of paper_repro/calibrations/zhejiang*.toml)
replicate r draws particle r by weight (systematic resampling, as zhejiang_predictive.py) and uses
the calibration's own `set` and scale (full scale with the sparse scheme for
zhejiang_full_scale.toml), so the bands carry the posterior's uncertainty as well as the seeds'.

What it does (with build/govsim; build it first, see README):
 1. Runs scenarios/zhejiang_five_colour.toml at --scale (default 1/100; --small: 1/500) for N seeds,
    each with a checkpoint at the end of 9 Feb 2020, the day of the first map (docs/checkpoints.md).
 2. Branches every checkpoint (`govsim branch`) into the counterfactuals of issue 13:
    (a) measures by colour, as happened (the unchanged branch; it must equal the base run);
    (b) the strictest measures everywhere until the province has a week without a new case;
    (c) no map: one uniform moderate (yellow) level everywhere;
    (d) each mechanism switched off in turn (data matching, public participation, platform).
 3. Draws maps of the 90 counties coloured by simulated risk on chosen dates (from
    scenarios/data/zhejiang/counties.geojson), the counts by colour over time, the resumption curves,
    and the counterfactuals (cases, quarantine-days, industrial resumption) with replicate bands
    (median and the range over seeds; the comparison panel divides each replicate by arm (a) of the
    same replicate, `paired_ratio_to_a` in the JSON), and writes a JSON of published vs simulated for
    every fitted figure of paper_repro/targets/zhejiang.toml.
Writes zhejiang_five_colour.png and zhejiang_five_colour.json to --out (default outside the source
tree, $TMPDIR/govsim-repro). Exits 1 if an unchanged branch differs from its base run.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))

import govsim_results  # noqa: E402
import govsim_runner  # noqa: E402
import repro_output  # noqa: E402
import targets  # noqa: E402
from zhejiang_predictive import calibration_context, draw_particles, published_maps  # noqa: E402

SCENARIO = os.path.join(ROOT, "scenarios", "zhejiang_five_colour.toml")
GEOJSON = os.path.join(ROOT, "scenarios", "data", "zhejiang", "counties.geojson")
CHECKPOINT_DAY = "2020-02-09"
MAP_DATES = ["2020-02-09", "2020-02-24", "2020-03-15"]
COLOURS = ["#d7191c", "#fd8d3c", "#fee90d", "#2b83ba", "#1a9641"]  # red, orange, yellow, blue, green
ARMS = {
    "a_by_colour": [],
    "b_strictest": ["zhejiang.map.mode=strictest"],
    "c_uniform_moderate": ["zhejiang.map.mode=uniform"],
    "d_no_data_matching": ["zhejiang.data_matching.on=false"],
    "d_no_participation": ["zhejiang.participation.on=false"],
    "d_no_platform": ["zhejiang.platform.on=false"],
}


def govsim(binary, args):
    r = subprocess.run([binary] + args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"zhejiang_five_colour.py: govsim {args[0]} failed: {r.stderr.strip() or r.stdout.strip()}")


def outcomes(res):
    d = res.daily
    return {"cases": float(d["cum_cases"][-1]) * res_scale(res),
            "industrial_resumption_2020_02_24": float(d["share_designated_industrial_firms_open"][day_index(res, "2020-02-24")]),
            "quarantine_days": float(np.sum(d["n_quarantined"])) * res_scale(res),
            "industrial_resumption_end": float(d["share_designated_industrial_firms_open"][-1]),
            "industrial_resumption_mean_after_map": float(np.nanmean(d["share_designated_industrial_firms_open"][day_index(res, CHECKPOINT_DAY):]))}


def paired_ratios(summary):
    """Each arm's outcomes divided by those of arm (a) in the same replicate. Replicate r of every arm is
    branched from the same checkpoint (same posterior particle, same seed), so the ratio removes the
    spread the arms share and shows the difference the arm makes; None where (a)'s value is 0."""
    base = summary["a_by_colour"]
    return {arm: {key: [o[key] / b[key] if b[key] else None for o, b in zip(rows, base)]
                  for key in ("cases", "quarantine_days", "industrial_resumption_2020_02_24")}
            for arm, rows in summary.items()}


def res_scale(res):
    """Factor from simulated counts to the province (1 / population.scale)."""
    return float(TARGETS.population_reference) / float(res.file_attrs["num_residents"])


def day_index(res, day):
    return int(np.where(res.dates == np.datetime64(day))[0][0])


def draw_maps(axes, res, codes):
    import matplotlib.collections as mc
    with open(GEOJSON, encoding="utf-8") as f:
        features = json.load(f)["features"]
    colour = res.daily["n_colour_by_region"]
    for ax, day in zip(axes, MAP_DATES):
        t = day_index(res, day)
        polys, faces = [], []
        for feat in features:
            k = codes.index(feat["properties"]["code"])
            c = colour[t, k]
            geom = feat["geometry"]
            rings = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for poly in rings:
                polys.append(np.asarray(poly[0]))
                faces.append(COLOURS[int(c)] if np.isfinite(c) else "0.8")
        ax.add_collection(mc.PolyCollection(polys, facecolors=faces, edgecolors="0.35", linewidths=0.25))
        ax.autoscale_view()
        ax.set_aspect("equal")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"simulated map, {day}", fontsize=9)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=os.path.join(ROOT, "build", "govsim"))
    ap.add_argument("--small", action="store_true", help="1/500 scale and 2 seeds: a smoke test")
    ap.add_argument("--scale", type=float, default=None,
                    help="population.scale (default 1/100, or the calibration's with --posterior)")
    ap.add_argument("--posterior", help="a govsim calibrate posterior: replicate r uses its particle r (by weight)")
    ap.add_argument("--replicates", type=int, default=4, help="seeds per arm (default 4)")
    ap.add_argument("--threads", type=int, default=2)
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    out = repro_output.resolve(ap, args)
    cal_sets, cal_scale, particles, names = [], None, None, []
    if args.posterior:
        cal_sets, cal_scale, _ = calibration_context(args.posterior)
        # calendar.end is dropped: the counterfactuals run the scenario's whole period (zhejiang_predictive.py)
        cal_sets = [x for x in cal_sets if not x.startswith(("population.scale=", "calendar.end="))]
    scale = args.scale if args.scale is not None else (cal_scale if cal_scale is not None else 0.01)
    reps = args.replicates
    if args.small:
        scale, reps = 0.002, 2
    if args.posterior:
        names, particles = draw_particles(args.posterior, reps)
    work = govsim_runner.make_workdir("govsim-zhejiang-")  # removed at exit, also when a run fails
    th = ["--threads", str(args.threads), "-q"]
    results = {arm: [] for arm in ARMS}
    bases, identical = [], True
    for r in range(reps):
        seed = str(1000 + r)
        base_sets = ["--set", f"population.scale={scale}"] + [x for c in cal_sets for x in ("--set", c)]
        if particles is not None:
            base_sets += [x for n, v in zip(names, particles[r]) for x in ("--set", f"{n}={v:.17g}")]
        base, ck = os.path.join(work, f"base{r}.h5"), os.path.join(work, f"ck{r}.h5")
        govsim(args.govsim, ["run", SCENARIO, "-o", base, "--seed", seed, "--checkpoint", ck,
                             "--checkpoint-at", CHECKPOINT_DAY] + base_sets + th)
        bases.append(govsim_results.load(base))
        for arm, changes in ARMS.items():
            path = os.path.join(work, f"{arm}{r}.h5")
            sets = [x for c in changes for x in ("--set", c)]
            govsim(args.govsim, ["branch", ck, "-o", path] + sets + th)
            results[arm].append(govsim_results.load(path))
        identical &= subprocess.run([args.govsim, "diff", base, os.path.join(work, f"a_by_colour{r}.h5")],
                                    capture_output=True).returncode == 0

    b0 = bases[0]
    codes = list(b0.groups("n_colour_by_region"))
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter
    fig = plt.figure(figsize=(15, 10))
    gs = fig.add_gridspec(2, 6)
    draw_maps([fig.add_subplot(gs[0, 2 * i:2 * i + 2]) for i in range(len(MAP_DATES))], b0, codes)
    days = b0.dates
    ax = fig.add_subplot(gs[1, 0:2])
    counts = b0.daily["n_counties_by_colour"]
    ax.stackplot(days, counts.T, colors=COLOURS, labels=["red", "orange", "yellow", "blue", "green"])
    pub = [TARGETS[f"map_{c}_2020_02_09"]["value"] for c in ("red", "orange", "yellow", "blue", "green")]
    ax.scatter([np.datetime64(CHECKPOINT_DAY)] * 5, np.cumsum(pub), marker="_", s=300, color="k",
               label="published 9 Feb, fitted (cumulative)")
    held_out = published_maps()  # held out: no calibration reads them
    held_out_label = "published " + ", ".join(np.datetime_as_string(np.datetime64(d), unit="D")[5:] for d in sorted(held_out)) + ", held out"
    for k, (d, row) in enumerate(sorted(held_out.items())):
        ax.scatter([np.datetime64(d)] * 5, np.cumsum(row), marker="_", s=300, color="0.45",
                   label=held_out_label if k == 0 else None)
    ax.set_ylabel("counties by colour")
    # Headroom above the 90 counties holds the legend, so it hides none of the bands or marks.
    n_units = int(counts.sum(axis=1).max())
    ax.set_ylim(0, n_units * 1.45)
    ax.set_yticks(np.arange(0, n_units + 1, 15))
    ax.legend(fontsize=7, loc="upper left", ncol=2)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    ax = fig.add_subplot(gs[1, 2:4])
    for k, arm in enumerate(ARMS):
        ys = np.array([x.daily["share_designated_industrial_firms_open"] for x in results[arm]])
        ax.plot(days, np.median(ys, axis=0), color=f"C{k}", lw=1.5, label=arm)
        ax.fill_between(days, ys.min(axis=0), ys.max(axis=0), color=f"C{k}", alpha=0.15)
    t_res = TARGETS["industrial_resumption_2020_02_24"]
    ax.errorbar([np.datetime64(t_res["date"])], [t_res["value"]], yerr=[[0], [1 - t_res["value"]]],
                fmt="v", color="k", label="published: more than this")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("industrial firms operating")
    ax.legend(fontsize=7)
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    ax = fig.add_subplot(gs[1, 4:6])
    summary = {arm: [outcomes(x) for x in results[arm]] for arm in ARMS}
    paired = paired_ratios(summary)
    names = list(ARMS)
    for j, key in enumerate(("cases", "quarantine_days")):
        vals = [[v for v in paired[a][key] if v is not None] or [np.nan] for a in names]
        pos = np.arange(len(names)) + (j - 0.5) * 0.35
        ax.bar(pos, [np.median(v) for v in vals], width=0.35, color=f"C{j}", alpha=0.7, label=f"{key} (÷ as happened)")
        ax.vlines(pos, [min(v) for v in vals], [max(v) for v in vals], color="k", lw=1)
    ax.set_xticks(np.arange(len(names)))
    ax.set_xticklabels(names, rotation=45, ha="right", fontsize=7)
    ax.axhline(1, color="0.4", lw=0.8)
    ax.set_ylabel("÷ (a) of the same replicate: median and range")
    # Headroom above the whiskers for the legend, so it covers no bar.
    top = max((v for a in names for key in ("cases", "quarantine_days") for v in paired[a][key] if v is not None), default=1.0)
    ax.set_ylim(0, max(1.3, 1.25 * top))
    ax.legend(fontsize=7, loc="upper center", ncol=2)
    calibrated = args.posterior is not None
    what = (f"posterior draws of {os.path.basename(args.posterior)}" if calibrated
            else "UNCALIBRATED: declared defaults")
    fig.suptitle(f"Zhejiang five-colour map ({what}), {repro_output.scale_label(scale)}, "
                 f"{reps} seeds; counterfactuals branched from the {CHECKPOINT_DAY} checkpoint"
                 + (" (--small smoke test)" if args.small else ""))
    fig.tight_layout()
    fig.savefig(os.path.join(out, "zhejiang_five_colour.png"), dpi=120)

    fitted = []
    for t in TARGETS:
        sims = [targets.simulated(t, b, TARGETS.population_reference) for b in bases]
        fitted.append({"id": t["id"], "published": t["value"], "kind": t.get("kind", "point"),
                       "simulated_median": float(np.median(sims)), "simulated": sims,
                       "within_tolerance": bool(targets.check(t, float(np.median(sims))))})
    held = []
    for d, row in sorted(held_out.items()):
        i = day_index(b0, d)
        sims = [[float(v) for v in b.daily["n_counties_by_colour"][i]] for b in bases]
        held.append({"date": d, "published": row, "simulated_median": np.median(sims, axis=0).tolist(), "simulated": sims})
    report = {"scenario": os.path.relpath(SCENARIO, ROOT), "scale": scale, "replicates": reps,
              "held_out_maps": held,
              "checkpoint_day": CHECKPOINT_DAY, "unchanged_branch_identical": bool(identical),
              "fitted": fitted, "counterfactuals": summary,
              "paired_ratio_to_a": paired,
              "calibrated": calibrated,
              "posterior": os.path.basename(args.posterior) if calibrated else None,
              "calibration_set": cal_sets,
              "draws": ({"parameters": names, "values": [list(map(float, v)) for v in particles]} if calibrated else None),
              "note": ("replicate r uses posterior particle r (drawn by weight) and seed 1000 + r; 'fitted' lists the "
                       "targets of paper_repro/targets/zhejiang.toml against these runs" if calibrated else
                       "UNCALIBRATED: the scenario uses the declared defaults; 'fitted' lists the fit targets of "
                       "paper_repro/targets/zhejiang.toml against this uncalibrated run")}
    with open(os.path.join(out, "zhejiang_five_colour.json"), "w") as f:
        json.dump(report, f, indent=1)
    inside = sum(x["within_tolerance"] for x in fitted)
    print(f"{inside}/{len(fitted)} fitted figures within tolerance; unchanged branches identical: {identical}")
    for arm in ARMS:
        c = [o["cases"] for o in summary[arm]]
        q = [o["quarantine_days"] for o in summary[arm]]
        ind = [o["industrial_resumption_end"] for o in summary[arm]]
        res24 = [o["industrial_resumption_2020_02_24"] for o in summary[arm]]
        print(f"{arm:22s} cases {np.median(c):9.0f} [{min(c):.0f}, {max(c):.0f}]  quarantine-days {np.median(q):11.0f} "
              f"[{min(q):.0f}, {max(q):.0f}]  industrial 24 Feb {np.median(res24):.3f} [{min(res24):.3f}, {max(res24):.3f}]"
              f"  31 Mar {np.median(ind):.3f}")
        r = [v for v in paired[arm]["cases"] if v is not None]
        if r and arm != "a_by_colour":
            print(f"{'':22s} cases / (a) of the same replicate: {np.median(r):.3f} [{min(r):.3f}, {max(r):.3f}]")
    print(f"wrote {os.path.join(out, 'zhejiang_five_colour.png')}")
    return 0 if identical else 1


TARGETS = targets.load("zhejiang")

if __name__ == "__main__":
    sys.exit(main())
