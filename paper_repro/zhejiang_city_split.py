#!/usr/bin/python3
"""How the Zhejiang model splits the province's cases among its 11 cities (issue 13): every run a
calibration proposed, read together, with no new simulation.

    /usr/bin/python3 paper_repro/zhejiang_city_split.py [PARTS] [--band LO HI] [--limit N] [--small] [--out DIR]

The question: the interim posteriors give Hangzhou, Ningbo and Taizhou too few cases and Huzhou too
many, while the province's total is near the published one. Is that the posterior's choice (other
parameter values would split the cases right) or the model's structure (no run the calibration
tried splits them right)? Shares of the province's cases answer it independently of the epidemic's
size, which the calibration fits separately.

PARTS is a calibration's kept runs (a `<posterior>.parts/` directory or its archive; default the
committed paper_repro/output/zhejiang_full_scale_parts.tar.xz); analysis/calibration_runs.py says
what such runs are (a calibration's proposals, not a posterior sample). For every run it reads the
parameters and the 11 cities' cumulative cases on 1 Mar 2020 (fitted targets; their published
values come from paper_repro/targets/zhejiang.toml). Among the runs whose province total (the 11
cities' sum) lies in the band (default 500-2,500 around the published 1,169: "a realistic epidemic
size", an assumption, the same as zhejiang_resumption_limit.py's), it reports for each city:
 - the published share and the simulated share (5/50/95 %, min, max), and the fraction of runs at
   or above the published share;
 - how its Hubei-linked residents are placed (scenarios/data/zhejiang/hubei_linked.csv: a published
   count, or the rest of the province's 300,000 spread by census residents);
 - the parameters its share moves with most (Spearman's rho);
and over the cities: the runs whose every share is within a factor of 2 of the published one, and
the run that comes closest (the smallest largest factor over the cities).
Writes zhejiang_city_split.json and .png; by default outside the source tree ($GOVSIM_REPRO_OUT or
$TMPDIR/govsim-repro).
"""
import argparse
import csv
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))

import calibration_runs  # noqa: E402
from calibration_runs import quantiles, spearman, varying  # noqa: E402
import repro_output  # noqa: E402
import targets  # noqa: E402

DATE = "2020_03_01"
HUBEI_LINKED = os.path.join(ROOT, "scenarios", "data", "zhejiang", "hubei_linked.csv")
COMMITTED_PARTS = os.path.join(ROOT, "paper_repro", "output", "zhejiang_full_scale_parts.tar.xz")
# Romanised names for the figure (its font has no CJK glyphs); the JSON keeps the data's Chinese names too.
ENGLISH = {"330100": "Hangzhou", "330200": "Ningbo", "330300": "Wenzhou", "330400": "Jiaxing", "330500": "Huzhou",
           "330600": "Shaoxing", "330700": "Jinhua", "330800": "Quzhou", "330900": "Zhoushan", "331000": "Taizhou",
           "331100": "Lishui"}
WITHIN = 2.0  # "within a factor of 2": the tolerance the targets file gives each city's count


def fail(msg):
    print(f"zhejiang_city_split: error: {msg}", file=sys.stderr)
    sys.exit(1)


def published():
    """{city code: (name, cases on 1 Mar)} from the fitted targets, and the targets' population."""
    t = targets.load("zhejiang")
    cities = {}
    for x in t:
        m = re.fullmatch(rf"cum_cases_(\d{{6}})_{DATE}", x["id"])
        if m:
            name = re.search(r"cases, (\S+) \(", x.get("label", ""))
            cities[m.group(1)] = (name.group(1) if name else m.group(1), float(x["value"]))
    if len(cities) != 11:
        fail(f"{t.path}: expected the 11 cities' targets of {DATE}, found {len(cities)}")
    return dict(sorted(cities.items())), float(t.population_reference)


def link_sources():
    """{city code: how its Hubei-linked residents are placed} from the model's data table."""
    try:
        with open(HUBEI_LINKED, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
        return {r["city_code"]: f"published count ({int(r['hubei_linked']):,} as of {r['as_of']})" for r in rows}
    except (OSError, KeyError, ValueError) as e:
        fail(f"{HUBEI_LINKED}: cannot read city_code, hubei_linked, as_of ({e})")


def reader(codes, population):
    def read_run(f, where):
        names = [f"summary/scalars/cum_cases_{c}_{DATE}" for c in codes]
        try:
            params = calibration_runs.parameters(f)
            cases = np.array([float(f[n][()]) for n in names])
            residents = float(f.attrs["num_residents"])
        except Exception as e:  # a missing dataset or attribute, a bad scenario text: name the part
            fail(f"{where}: not a Zhejiang calibration part with num_residents and summary/scalars/"
                 f"cum_cases_<city>_{DATE} for the 11 cities ({type(e).__name__}: {e})")
        return {"params": params, "cases": cases * (population / residents)}
    return read_run


def analyse(runs, band, cities, sources):
    codes = list(cities)
    pub = np.array([cities[c][1] for c in codes])
    pub_share = pub / pub.sum()
    cases = np.array([r["cases"] for r in runs])
    total = cases.sum(axis=1)
    lo, hi = band
    sel = (total >= lo) & (total <= hi) & (total > 0)
    share = cases[sel] / total[sel, None]
    fitted = varying([r for r, s in zip(runs, sel) if s]) if sel.sum() >= 3 else {}
    # The factor by which each city's share misses the published one (a share of 0 counts as half a case).
    floor = 0.5 / total[sel, None]
    factor = np.exp(np.abs(np.log(np.maximum(share, floor) / pub_share)))
    worst = factor.max(axis=1) if sel.any() else np.array([])
    per_city = []
    for k, c in enumerate(codes):
        rho = {n: spearman(share[:, k], v) for n, v in fitted.items()}
        strongest = sorted(((n, r) for n, r in rho.items() if r is not None), key=lambda x: -abs(x[1]))[:3]
        per_city.append({
            "code": c, "name": ENGLISH.get(c, c), "name_zh": cities[c][0], "hubei_linked": sources.get(c, "by census residents (no published count)"),
            "published_cases": pub[k], "published_share": round(float(pub_share[k]), 4),
            "simulated_share": quantiles(share[:, k]),
            "runs_at_or_above_published_share": round(float(np.mean(share[:, k] >= pub_share[k])), 4) if sel.any() else None,
            "share_moves_with": dict(strongest),
        })
    out = {
        "runs": len(runs),
        "what": "every run a calibration proposed (not a posterior sample): what the model can do where the "
                "calibration looked",
        "band": {"province_cases_from": lo, "province_cases_to": hi, "runs": int(sel.sum())},
        "published_total": float(pub.sum()),
        "cities": per_city,
        "runs_with_every_city_within_factor": {"factor": WITHIN, "runs": int((worst <= WITHIN).sum())},
    }
    if sel.any():
        best = int(np.argmin(worst))
        out["closest_run"] = {"largest_factor": round(float(worst[best]), 3),
                              "worst_city": per_city[int(np.argmax(factor[best]))]["name"],
                              "shares": {c: round(float(share[best, k]), 4) for k, c in enumerate(codes)}}
    return out, share, pub_share


def plot(result, share, pub_share, band, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cities = result["cities"]
    fig, ax = plt.subplots(figsize=(8, 5))
    y = np.arange(len(cities))[::-1]
    if len(share):
        ax.boxplot([np.maximum(share[:, k], 1e-3) for k in range(len(cities))], positions=y, vert=False,
                   widths=0.6, whis=(5, 95), showfliers=False)
    ax.scatter(pub_share, y, marker="D", color="C3", zorder=3, label="published share, 1 Mar (fitted)")
    ax.set_yticks(y)
    ax.set_yticklabels([f"{c['name']} {c['code']}" + (" *" if c["hubei_linked"].startswith("published") else "")
                        for c in cities], fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("share of the 11 cities' cumulative cases, 1 Mar 2020 (box: 25-75 %, whiskers 5-95 % of runs)")
    ax.set_title(f"Zhejiang: cases by city in {result['band']['runs']:,} of {result['runs']:,} calibration runs "
                 f"with {band[0]:,.0f}-{band[1]:,.0f} cases", fontsize=9)
    ax.text(0.99, 0.01, "* Hubei-linked residents placed by a published count; the others by census residents",
            transform=ax.transAxes, ha="right", va="bottom", fontsize=7)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    calibration_runs.add_arguments(ap, COMMITTED_PARTS, (500.0, 2500.0), "the province's cases on 1 Mar counted as a realistic epidemic size")
    repro_output.add_arguments(ap)
    args = ap.parse_args(argv)
    calibration_runs.check_arguments(ap, args)
    out_dir = repro_output.resolve(ap, args)
    cities, population = published()
    runs = calibration_runs.read_parts(args.parts, args.limit, reader(list(cities), population), fail)
    result, share, pub_share = analyse(runs, tuple(args.band), cities, link_sources())
    source = calibration_runs.source_name(args.parts, ROOT)
    result = {"source": source, **result}
    json_path = os.path.join(out_dir, "zhejiang_city_split.json")
    with open(json_path + ".tmp", "w") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    os.replace(json_path + ".tmp", json_path)
    plot(result, share, pub_share, tuple(args.band), os.path.join(out_dir, "zhejiang_city_split.png"))
    print(f"{result['runs']} runs, {result['band']['runs']} with {args.band[0]:g}-{args.band[1]:g} cases on 1 Mar")
    for c in result["cities"]:
        q = c["simulated_share"]
        sim = f"{q['median']:.3f} [{q['q05']:.3f}, {q['q95']:.3f}]" if q else "-"
        print(f"  {c['name']:9s} published {c['published_share']:.3f}  simulated {sim}  "
              f"at or above: {c['runs_at_or_above_published_share']}  ({c['hubei_linked']})")
    w = result["runs_with_every_city_within_factor"]
    print(f"runs with every city within a factor {w['factor']:g}: {w['runs']}; closest run: {result.get('closest_run', {}).get('largest_factor')}")
    print(f"wrote {json_path}")


if __name__ == "__main__":
    main()
