#!/usr/bin/python3
"""Posterior predictive of the Zhejiang model beyond its fitted figures (issue 13).

    /usr/bin/python3 paper_repro/zhejiang_predictive.py POSTERIOR.h5 [--small] [--scale S] [--draws K] [--out DIR]

Draws K particles of a `govsim calibrate` posterior (paper_repro/calibrations/zhejiang.toml at 1/50,
or zhejiang_full_scale.toml) by weight (systematic resampling, fixed offset, so the draw is
reproducible), runs the scenario for each with its own seed and the calibration's own `set` (its
population.scale and epidemic scheme, read from the posterior's provenance; --scale overrides the
scale), and tabulates, each labelled fitted or predicted by the posterior's own target uses:
 - the 11 cities' cumulative confirmed cases on every date of CITY_DATES against
   scenarios/data/zhejiang/city_cases.csv (fitted or predicted as the posterior's calibration used each date);
 - the counties by colour on MAP_DATES (9 Feb fitted or held out, as the calibration used it; 12, 15, 18, 24
   and 27 Feb held out against paper_repro/targets/zhejiang_held_out_maps.csv; later dates predicted);
 - the provincial industrial resumption rate on RESUMPTION_DATES (24 Feb fitted, the rest predicted).
Counts are full-scale equivalents (simulated / scale). Writes zhejiang_predictive.json and prints a
markdown table (median and the range over the draws). --small: 1/500 scale and 2 draws, a smoke
test. Writes by default outside the source tree ($GOVSIM_REPRO_OUT or $TMPDIR/govsim-repro).
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))

import govsim_results  # noqa: E402
import repro_output  # noqa: E402
import targets  # noqa: E402

SCENARIO = os.path.join(ROOT, "scenarios", "zhejiang_five_colour_small.toml")
CITY_DATA = os.path.join(ROOT, "scenarios", "data", "zhejiang", "city_cases.csv")
CITY_DATES = ["2020-02-01", "2020-02-09", "2020-02-21", "2020-03-01", "2020-03-15", "2020-03-31"]
MAP_DATES = ["2020-02-09", "2020-02-12", "2020-02-15", "2020-02-18", "2020-02-24", "2020-02-27", "2020-03-15", "2020-03-31"]
HELD_OUT_MAPS = os.path.join(ROOT, "paper_repro", "targets", "zhejiang_held_out_maps.csv")
RESUMPTION_DATES = ["2020-02-17", "2020-02-24", "2020-03-01", "2020-03-15", "2020-03-31"]
COLOURS = ("red", "orange", "yellow", "blue", "green")


def published_targets():
    """The project's published figures of the case by target id (paper_repro/targets/zhejiang.toml):
    the first map and the resumption figure are read from there, never written here."""
    return {t["id"]: t["value"] for t in targets.load("zhejiang")}


def published_city_cases():
    out = {}
    with open(CITY_DATA, newline="", encoding="utf-8") as f:
        rows = csv.reader(line for line in f if not line.startswith("#"))
        header = next(rows)
        col = {k: i for i, k in enumerate(header)}
        for r in rows:
            code = r[col["city_code"]]
            if code:
                out[(r[col["date"]], code)] = float(r[col["cumulative_confirmed"]])
    return out


def published_maps():
    """Counts by colour of the published maps after 9 Feb (held out: no calibration reads them)."""
    out = {}
    with open(HELD_OUT_MAPS, newline="", encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for r in rows:
            out[r["date"]] = [int(r[c]) for c in COLOURS]
    return out


def draw_particles(path, k):
    with h5py.File(path, "r") as f:
        names = [x.decode() if isinstance(x, bytes) else x for x in f["parameters/name"][()]]
        values, weights = f["particles/values"][()], f["particles/weights"][()]
    cum = np.cumsum(weights / weights.sum())
    picks = np.searchsorted(cum, (np.arange(k) + 0.5) / k)
    return names, [values[min(i, len(values) - 1)] for i in picks]


def calibration_context(path):
    """The calibration's `set` list, its runs' population.scale (the `set`, else its scenario's) and
    each target's use, from the posterior's provenance."""
    def text(f, key):
        t = f[key][()]
        return t.decode() if isinstance(t, bytes) else str(t)

    with h5py.File(path, "r") as f:
        cal, scenario = tomllib.loads(text(f, "provenance/calibration_text")), text(f, "provenance/scenario_text")
        uses = dict(zip(f["targets/id"].asstr(), f["targets/use"].asstr()))
    sets = list(cal.get("calibration", {}).get("set", []))
    scale = next((float(x.split("=", 1)[1]) for x in sets if x.startswith("population.scale=")), None)
    if scale is None:
        scale = float(tomllib.loads(scenario).get("population", {}).get("scale", 1.0))
    return sets, scale, uses


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("posterior")
    ap.add_argument("--govsim", default=os.path.join(ROOT, "build", "govsim"))
    ap.add_argument("--scale", type=float, default=None,
                    help="population.scale of the runs (default: the calibration's)")
    ap.add_argument("--draws", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--small", action="store_true", help="1/500 scale and 2 draws: a smoke test")
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    out_dir = repro_output.resolve(ap, args)
    cal_sets, cal_scale, uses = calibration_context(args.posterior)
    if args.scale is None:
        args.scale = cal_scale
    if args.small:
        args.scale, args.draws = 0.002, 2
    # The calibration's other settings (e.g. the sparse epidemic scheme, the population seed) apply to
    # every draw; its calendar.end does not: a calibration may stop its runs after its last fitted
    # date, and a prediction runs the scenario's whole period.
    base_sets = [x for s in cal_sets if not s.startswith(("population.scale=", "calendar.end=")) for x in ("--set", s)]
    names, draws = draw_particles(args.posterior, args.draws)
    work = tempfile.mkdtemp(prefix="govsim-zj-pred-")
    results = []
    try:  # the draws' result files are read into memory and removed, also when a run fails
        for k, v in enumerate(draws):
            path = os.path.join(work, f"draw{k}.h5")
            sets = [x for n, val in zip(names, v) for x in ("--set", f"{n}={val:.17g}")]
            cmd = [args.govsim, "run", SCENARIO, "-o", path, "--seed", str(5000 + k), "--threads", str(args.threads),
                   "-q", "--set", f"population.scale={args.scale}"] + base_sets + sets
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"zhejiang_predictive.py: govsim run failed: {r.stderr.strip()}")
            results.append(govsim_results.load(path))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    pub = published_city_cases()
    b0 = results[0]
    day = {str(d): i for i, d in enumerate(b0.dates)}
    cities = b0.groups("cum_cases_by_city")
    rows = []

    def add(figure, date, use, published, sims):
        sims = [float(s) for s in sims]
        rows.append({"figure": figure, "date": date, "use": use, "published": published,
                     "median": float(np.median(sims)), "min": min(sims), "max": max(sims)})

    for d in CITY_DATES:
        fitted = any(uses.get(f"cum_cases_{c}_{d.replace('-', '_')}") == "fit" for c in cities)
        use = "fitted" if fitted else "predicted"
        for j, c in enumerate(cities):
            add(f"cum_cases_{c}", d, use, pub.get((d, c)),
                [x.daily["cum_cases_by_city"][day[d], j] / args.scale for x in results])
        add("cum_cases_province(11 cities)", d, use, sum(pub.get((d, c), 0) for c in cities),
            [x.daily["cum_cases_by_city"][day[d]].sum() / args.scale for x in results])
    published = published_targets()
    published_map = published_maps()
    for d in MAP_DATES:
        ids = [f"map_{c}_{d.replace('-', '_')}" for c in COLOURS]
        if all(i in published for i in ids):  # a map of the targets file (9 Feb)
            published_map[d] = [published[i] for i in ids]
    for d in MAP_DATES:
        for j, colour in enumerate(COLOURS):
            fitted = uses.get(f"map_{colour}_{d.replace('-', '_')}") == "fit"
            use = "fitted" if fitted else ("held out" if d in published_map else "predicted")
            add(f"counties_{colour}", d, use,
                published_map[d][j] if d in published_map else None,
                [x.daily["n_counties_by_colour"][day[d], j] for x in results])
    for d in RESUMPTION_DATES:
        tid = f"industrial_resumption_{d.replace('-', '_')}"
        use = "fitted" if uses.get(tid) == "fit" else ("held out" if tid in published else "predicted")
        add("industrial_resumption", d, use, published.get(tid),
            [x.daily["share_designated_industrial_firms_open"][day[d]] for x in results])
    report = {"posterior": os.path.abspath(args.posterior), "scale": args.scale, "draws": args.draws,
              "calibration_set": cal_sets,
              "parameters": names, "draw_values": [list(map(float, v)) for v in draws], "rows": rows}
    out = os.path.join(out_dir, "zhejiang_predictive.json")
    with open(out, "w") as f:
        json.dump(report, f, indent=1)
    print("| figure | date | use | published | median [range] |\n|---|---|---|---|---|")
    for r in rows:
        p = "" if r["published"] is None else f"{r['published']:g}"
        print(f"| {r['figure']} | {r['date']} | {r['use']} | {p} | {r['median']:.3g} [{r['min']:.3g}, {r['max']:.3g}] |")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
