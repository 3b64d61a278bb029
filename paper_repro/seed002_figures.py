#!/usr/bin/python3
"""Seed 002's other figures, predicted by the collab model and compared held out (issue 16, point 5).

    /usr/bin/python3 paper_repro/seed002_figures.py [--small] [--out DIR | --refresh-committed]

What it does (with build/govsim): runs the three small scenarios

    scenarios/seed002_police_documents.toml  (a) documents handled after 20:00, before / after mobile office
    scenarios/seed002_elderly_sensors.toml   (b) share of matters resolved at each administrative level
    scenarios/seed002_census.toml            (c) census registration minutes: self / enumerator / 2010 paper

at their defaults, and then one parameter at a time at a low and a high value (the sensitivity: which
stated assumption moves each prediction, and by how much). Published values come from
paper_repro/targets/seed002.toml; all three are held out: nothing is fitted, and the verdict says
whether the default prediction agrees ("agrees", "miss") and whether the published value lies inside
the range the one-at-a-time sensitivity spans ("inside range" or not). Mechanisms:
models/collab/working_window.hpp, admin_levels.hpp, census.hpp; docs/collab_model.md.

Writes seed002_figures.json and seed002_figures.png. --small: fewer sensitivity values.
"""
import argparse
import concurrent.futures
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))
import govsim_results  # noqa: E402
import govsim_runner as gr  # noqa: E402
import repro_output  # noqa: E402

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FIGURES = {
    "police": {"scenario": "seed002_police_documents.toml", "target": "police_docs_after_8pm_ratio",
               "scalar": "docs_after_20h_ratio",
               "vary": {"collab.working_window.evening_return_prob": [0.1, 0.5],
                        "collab.working_window.after_hours_willingness": [0.25, 1.0],
                        "collab.working_window.field_handle_share": [0.0, 0.6],
                        "collab.working_window.home_hours": [0.0, 3.0],
                        "collab.working_window.field_end_hour": [17.5, 19.5],
                        "collab.working_window.field_end_sd_hours": [0.75, 3.0],
                        "collab.working_window.travel_hours": [0.25, 1.0],
                        "collab.working_window.field_day_share": [0.3, 0.9],
                        "collab.working_window.docs_per_day": [1.0, 6.0],
                        "collab.working_window.doc_minutes": [5.0, 20.0]}},
    "levels": {"scenario": "seed002_elderly_sensors.toml", "target": "grassroots_share",
               "scalar": "share_matters_grassroots_after_platform",
               "vary": {"collab.levels.info_sharing": [0.0, 1.0],
                        "collab.levels.authority_district": [0.0, 0.05],
                        "collab.levels.information_district": [0.0, 0.15],
                        "collab.levels.resources_district": [0.0, 0.03],
                        "collab.levels.alert_rate": [0.0005, 0.01]}},
    "census": {"scenario": "seed002_census.toml", "target": "census_self_registration_minutes",
               "scalar": "census_self_minutes_median",
               "vary": {"collab.census.prefill_share": [0.0, 0.6],
                        "collab.census.item_seconds": [10.0, 25.0],
                        "collab.census.setup_minutes": [1.0, 6.0],
                        "collab.census.slow_60_plus": [1.5, 3.0],
                        "collab.census.stuck_prob_vulnerable": [0.1, 0.5],
                        "collab.census.help_minutes": [5.0, 30.0],
                        "collab.census.person_items": [10, 25]}},
}
EXTRA = {  # scalars reported beside the target's
    "police": ["docs_after_20h_per_day_before_platform", "docs_after_20h_per_day_after_platform",
               "share_docs_after_20h_before_platform", "share_docs_after_20h_after_platform"],
    "levels": [f"share_matters_{lv}_{w}_platform" for w in ("before", "after")
               for lv in ("community", "street", "district", "grassroots")] + ["sensor_alerts_per_day_after_platform"],
    "census": ["census_self_share", "census_self_minutes_median", "census_self_minutes_p90",
               "census_self_share_under_20min", "census_enumerator_minutes_median",
               "census_enumerator_share_under_20min", "census_paper2010_minutes_median",
               "census_paper2010_minutes_p90", "census_paper2010_share_under_20min"],
}


def verdict(t, value):
    if value != value:
        return "no prediction"
    if t["kind"] == "lower":
        return "agrees" if value >= t["value"] else "miss"
    if t["kind"] == "range":
        lo, hi = t["value"]
        return "agrees" if lo <= value <= hi else "miss"
    return "agrees" if abs(value - t["value"]) <= t["tolerance"].get("absolute", 0) else "miss"


def published_inside(t, lo, hi):
    if t["kind"] == "lower":
        return hi >= t["value"]
    if t["kind"] == "range":
        return hi >= t["value"][0] and lo <= t["value"][1]
    return lo <= t["value"] <= hi


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=gr.DEFAULT_GOVSIM)
    ap.add_argument("--small", action="store_true", help="only the first three parameters of each figure")
    ap.add_argument("--jobs", type=int, default=2)
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    args.out = repro_output.resolve(ap, args)
    with open(os.path.join(HERE, "targets", "seed002.toml"), "rb") as f:
        targets = {t["id"]: t for t in tomllib.load(f)["target"]}
    work = gr.make_workdir("govsim-seed002-")

    runs = []  # (figure, parameter or None, value)
    for name, fig in FIGURES.items():
        runs.append((name, None, None))
        for i, (k, vals) in enumerate(fig["vary"].items()):
            if args.small and i >= 3:
                break
            runs += [(name, k, v) for v in vals]

    def one(i_run):
        i, (name, key, val) = i_run
        path = os.path.join(work, f"{name}-{i}.h5")
        sets = [f"{key}={val}"] if key else []
        gr.run_one(args.govsim, os.path.join(gr.ROOT, "scenarios", FIGURES[name]["scenario"]), path, sets, 0)
        r = govsim_results.load(path)
        os.remove(path)
        return r

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(one, enumerate(runs)))

    report = {"git_commit": gr.git_commit(), "figures": {}}
    hists = {}
    for name, fig in FIGURES.items():
        t = targets[fig["target"]]
        base = next(r for (n, k, _), r in zip(runs, results) if n == name and k is None)
        pred = base.summary[fig["scalar"]]
        sens = {}
        for (n, k, v), r in zip(runs, results):
            if n == name and k is not None:
                sens.setdefault(k, {})[str(v)] = r.summary[fig["scalar"]]
        values = [pred] + [x for d in sens.values() for x in d.values() if x == x]
        lo, hi = min(values), max(values)
        swing = sorted(((max(d.values()) - min(d.values()), k) for k, d in sens.items()), reverse=True)
        report["figures"][name] = {
            "target": t["id"], "label": t["label"], "published": t["value"], "kind": t["kind"],
            "predicted": pred, "scalar": fig["scalar"], "verdict": verdict(t, pred),
            "sensitivity_range": [lo, hi], "published_inside_sensitivity_range": published_inside(t, lo, hi),
            "sensitivity": sens, "swing_by_parameter": [{"parameter": k, "swing": s} for s, k in swing],
            "details": {k: base.summary.get(k) for k in EXTRA[name]}}
        if name == "census":
            hists = {k: base.summary.get(k) for k in EXTRA[name]}

    print("Seed 002's other figures (held out; nothing fitted)")
    for name, f in report["figures"].items():
        pub = f["published"]
        pub_s = f">= {pub}" if f["kind"] == "lower" else (f"{pub[0]}-{pub[1]}" if f["kind"] == "range" else f"{pub}")
        print(f"\n{f['label']}\n  published {pub_s}   predicted {f['predicted']:.3f}   verdict: {f['verdict']}"
              f"   one-at-a-time range {f['sensitivity_range'][0]:.3f}-{f['sensitivity_range'][1]:.3f}"
              f" ({'published inside' if f['published_inside_sensitivity_range'] else 'published outside'})")
        for k, v in f["details"].items():
            print(f"    {k:45s} {v:.4g}" if v is not None else f"    {k:45s} -")
        print("  sensitivity (low / high value -> prediction):")
        for s in f["swing_by_parameter"]:
            d = f["sensitivity"][s["parameter"]]
            print(f"    {s['parameter']:48s} " + "  ".join(f"{v} -> {x:.3f}" for v, x in d.items()))

    with open(os.path.join(args.out, "seed002_figures.json"), "w") as fo:
        json.dump(report, fo, indent=1)

    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    for a, name in zip(ax, FIGURES):
        f = report["figures"][name]
        rows = f["swing_by_parameter"]
        labels = [r["parameter"].split(".")[-1] for r in rows]
        for y, r in enumerate(rows):
            d = list(f["sensitivity"][r["parameter"]].values())
            a.plot([min(d), max(d)], [y, y], lw=6, color="tab:blue", alpha=0.6)
        a.axvline(f["predicted"], color="k", lw=1, label="predicted (defaults)")
        if f["kind"] == "range":
            a.axvspan(f["published"][0], f["published"][1], color="tab:green", alpha=0.15, label="published")
        elif f["kind"] == "lower":
            a.axvline(f["published"], color="tab:green", ls="--", label="published (lower bound)")
        else:
            a.axvline(f["published"], color="tab:green", ls="--", label="published")
        a.set_yticks(range(len(rows)))
        a.set_yticklabels(labels, fontsize=8)
        a.set_xlabel(f["scalar"], fontsize=8)
        a.set_title(f"{name}: {f['verdict']}", fontsize=10)
        a.legend(fontsize=7)
    fig.suptitle("Seed 002's other figures: prediction at the defaults and one-at-a-time sensitivity (held out)")
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "seed002_figures.png"), dpi=110)
    print(f"\nwrote {args.out}/seed002_figures.json and .png")


if __name__ == "__main__":
    main()
