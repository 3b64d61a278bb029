#!/usr/bin/python3
"""How the Jiaxing results depend on community size and officials per community (issue 15, point 5).

    /usr/bin/python3 paper_repro/jiaxing_community_size.py [--reuse SWEEP.h5] [--out DIR]

Runs scenarios/sweeps/jiaxing_community_size.toml with build/govsim (27 runs of 40 000 adults:
communities of 500, 1 000 and 2 000 residents x 1, 2 and 4 officials per community, 3
replicates with common random numbers; about a minute on 2 cores) unless --reuse names its
result, and prints one row per design point: the monthly active rate in Feb, Mar, May and Dec
2020 (mean and replicate range), the officials' utilisation in the emergency and the crisis
volumes scaled to Jiaxing's 4.5 million adults.
Writes jiaxing_community_size.json (and the Markdown table) to --out (default outside the
source tree). Nothing here is fitted; the table is in docs/jiaxing_model.md.
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
import repro_output  # noqa: E402
import sweep_results  # noqa: E402
import targets  # noqa: E402

SWEEP = os.path.join(ROOT, "scenarios", "sweeps", "jiaxing_community_size.toml")
MONTHS = ["2020-02", "2020-03", "2020-05", "2020-12"]
VOLUMES = [("mask_requesters", "mask requesters"), ("counselled", "counselled"),
           ("consultations_per_day_emergency", "consultations/day")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=os.path.join(ROOT, "build", "govsim"))
    ap.add_argument("--reuse", help="an existing result of the sweep file")
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    args.out = repro_output.resolve(ap, args)
    path = args.reuse
    if not path:
        path = os.path.join(args.out, "jiaxing_community_size.h5")
        proc = subprocess.run([args.govsim, "sweep", SWEEP, "-q", "-o", path], capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"jiaxing_community_size: the sweep failed:\n{proc.stderr}")
    s = sweep_results.load_sweep(path)
    city = targets.load("jiaxing").population_reference
    residents = 40000  # [sweep.set] of the sweep file
    size, officials = s.column("network.community_size"), s.column("population.officials")
    cols = {m: s.column(f"rate_active_monthly[{m}]") for m in MONTHS}
    cols["utilisation"] = s.column("team_utilisation[mid]")
    for key, _ in VOLUMES:
        cols[key] = s.column(key) * city / residents
    rows = []
    for p in np.unique(s.point):
        sel = s.point == p
        row = {"community_size": int(size[sel][0]), "officials_per_community": float(officials[sel][0] * size[sel][0] / residents)}
        for k, v in cols.items():
            row[k] = {"mean": float(v[sel].mean()), "min": float(v[sel].min()), "max": float(v[sel].max())}
        rows.append(row)
    head = ("| community size | officials per community | " + " | ".join(f"{m} rate" for m in MONTHS)
            + " | officials' utilisation (emergency) | "
            + " | ".join(label + " (city)" for _, label in VOLUMES) + " |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        rate = [f"{100 * r[m]['mean']:.1f} % ({100 * r[m]['min']:.1f}–{100 * r[m]['max']:.1f})" for m in MONTHS]
        vol = [f"{r[k]['mean']:,.0f}" for k, _ in VOLUMES]
        lines.append(f"| {r['community_size']:,} | {r['officials_per_community']:g} | " + " | ".join(rate)
                     + f" | {100 * r['utilisation']['mean']:.1f} % | "
                     + " | ".join(vol) + " |")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(args.out, "jiaxing_community_size.json"), "w", encoding="utf-8") as f:
        json.dump({"sweep": os.path.relpath(SWEEP, ROOT), "residents": residents, "rows": rows, "table": table}, f,
                  indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
