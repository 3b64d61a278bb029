#!/usr/bin/python3
"""What limits the Zhejiang model's industrial resumption on 24 Feb 2020 (issue 13): the runs of a
calibration read together, with no new simulation.

    /usr/bin/python3 paper_repro/zhejiang_resumption_limit.py [PARTS] [--band LO HI] [--limit N] [--small] [--out DIR]

PARTS is a calibration's kept runs: the `<posterior>.parts/` directory of `govsim calibrate
--keep-parts`, or its archive from analysis/calibration_parts.py (e.g. the committed
paper_repro/output/zhejiang_full_scale_parts.tar.xz). Every run is one particle proposed by the
ABC-SMC (generation 0 from the prior, later ones around the accepted particles), so the runs cover
the parameter space the calibration explored, densest near the posterior; they are not a designed
or posterior sample, and the statistics below describe what the model can do there.

For every run it reads the parameters (the resolved scenario in /provenance), the province's
cumulative cases on 1 Mar 2020 and the designated-size industrial resumption rate on 24 Feb 2020
(summary scalars; both are fitted targets), and, when the part still has its daily series (an
unpacked directory, not an archive's stripped parts), the counties by colour on 24 Feb (a held-out
map: read here, never fitted). It reports:
 - Spearman's rho of the resumption rate with the cases and with every parameter that varies;
 - the resumption rate among runs whose cases lie in the band (default 500-2,500 around the
   published 1,169 of 1 Mar: "a realistic epidemic size", an assumption: a factor of about two), and how
   many of them reach the published "over 90 %";
 - the cases of the runs that do reach 90 %;
 - with daily series: the orange and green counties on 24 Feb within the band, and their rho with
   the resumption rate.
Writes zhejiang_resumption_limit.json and .png (cases against resumption, coloured by the orange
counties on 24 Feb when known). Writes by default outside the source tree ($GOVSIM_REPRO_OUT or
$TMPDIR/govsim-repro).
"""
import argparse
import json
import os
import re
import sys
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))

import repro_output  # noqa: E402
from calibration_runs import quantiles, spearman, varying  # noqa: E402
import calibration_runs  # noqa: E402
import targets  # noqa: E402
import zhejiang_predictive  # noqa: E402  (this directory: the held-out maps' reader)

CASES = "summary/scalars/cum_cases_2020_03_01"
RESUMPTION = "summary/scalars/share_designated_industrial_firms_open_2020_02_24"
MAP_DATE = "2020-02-24"
COLOURS = ["red", "orange", "yellow", "blue", "green"]
COMMITTED_PARTS = os.path.join(ROOT, "paper_repro", "output", "zhejiang_full_scale_parts.tar.xz")


def published():
    """The published figures this script compares with, from paper_repro/targets/ (none is typed here):
    the province's cases on 1 Mar (the 11 cities' fitted targets summed), the resumption target of
    24 Feb (a lower bound) and the held-out map of MAP_DATE."""
    t = targets.load("zhejiang")
    cities = [x["value"] for x in t if re.fullmatch(r"cum_cases_\d{6}_2020_03_01", x["id"])]
    if len(cities) != 11:
        fail(f"{t.path}: expected the 11 cities' targets of 2020-03-01, found {len(cities)}")
    maps = zhejiang_predictive.published_maps()  # the held-out table, read where the predictive reads it
    if MAP_DATE not in maps:
        fail(f"{zhejiang_predictive.HELD_OUT_MAPS}: no map dated {MAP_DATE}")
    return {"cases_1_mar": sum(cities),
            "resumption_24_feb": t["industrial_resumption_2020_02_24"]["value"],
            "map_24_feb": dict(zip(COLOURS, maps[MAP_DATE]))}


def fail(msg):
    print(f"zhejiang_resumption_limit: error: {msg}", file=sys.stderr)
    sys.exit(1)


def read_run(f, where):
    """One part's parameters, cases, resumption and (if present) counties by colour on MAP_DATE."""
    try:
        params = calibration_runs.parameters(f)
        cases = float(f[CASES][()])
        resumption = float(f[RESUMPTION][()])
    except (KeyError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        fail(f"{where}: not a Zhejiang calibration part with {CASES} and {RESUMPTION} ({e})")
    colours = None
    if "series/daily/n_counties_by_colour" in f and "time/daily/date" in f:
        dates = list(f["time/daily/date"][()])
        if MAP_DATE.encode() in dates:
            colours = [float(x) for x in f["series/daily/n_counties_by_colour"][dates.index(MAP_DATE.encode())]]
    return {"params": params, "cases": cases, "resumption": resumption, "colours": colours}


def analyse(runs, band, pub):
    cases = np.array([r["cases"] for r in runs])
    res = np.array([r["resumption"] for r in runs])
    fitted = varying(runs)
    lo, hi = band
    in_band = (cases >= lo) & (cases <= hi)
    reach = res > pub["resumption_24_feb"]
    out = {
        "runs": len(runs),
        "what": "every run a calibration proposed (not a posterior sample): what the model can do where the "
                "calibration looked",
        "published": {"cases_1_mar": pub["cases_1_mar"], "resumption_24_feb": f"> {pub['resumption_24_feb']:g}"},
        "spearman_resumption_with": {"cases_1_mar": spearman(res, cases),
                                     **{n: spearman(res, v) for n, v in fitted.items()}},
        "spearman_cases_with": {n: spearman(cases, v) for n, v in fitted.items()},
        "band": {"cases_from": lo, "cases_to": hi, "runs": int(in_band.sum()),
                 "resumption_24_feb": quantiles(res[in_band]),
                 "runs_over_published": int((in_band & reach).sum())},
        "runs_over_published": {"runs": int(reach.sum()), "cases_1_mar": quantiles(cases[reach])},
        "all_runs": {"cases_1_mar": quantiles(cases), "resumption_24_feb": quantiles(res)},
    }
    with_map = [i for i, r in enumerate(runs) if r["colours"] is not None]
    if with_map:
        col = np.array([runs[i]["colours"] for i in with_map])
        sel = in_band[with_map]
        out["map_24_feb"] = {
            "runs_with_daily_series": len(with_map),
            "use": "held out (read here, never fitted)",
            "published": pub["map_24_feb"],
            "in_band": {c: quantiles(col[sel, k]) for k, c in enumerate(COLOURS)},
            "spearman_resumption_with_orange": spearman(res[with_map], col[:, 1]),
            "spearman_resumption_with_green": spearman(res[with_map], col[:, 4]),
        }
    return out


def plot(runs, band, pub, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cases = np.array([max(r["cases"], 1.0) for r in runs])
    res = np.array([r["resumption"] for r in runs])
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.axvspan(*band, color="0.92", label=f"cases {band[0]:,.0f}-{band[1]:,.0f} (band)")
    if all(r["colours"] is not None for r in runs):
        sc = ax.scatter(cases, res, c=[r["colours"][1] for r in runs], s=8, cmap="Oranges", edgecolors="0.6",
                        linewidths=0.2)
        fig.colorbar(sc, ax=ax, label="orange counties on 24 Feb (held out)")
    else:
        ax.scatter(cases, res, s=8, color="C0", alpha=0.5)
    ax.axhline(pub["resumption_24_feb"], color="k", ls="--", lw=1,
               label=f"published: > {100 * pub['resumption_24_feb']:g} % by 24 Feb (fitted)")
    ax.axvline(pub["cases_1_mar"], color="C3", lw=1, label=f"published cases 1 Mar ({pub['cases_1_mar']:,.0f}, fitted)")
    ax.set_xscale("log")
    ax.set_ylim(0, 1)
    ax.set_xlabel("province cumulative cases, 1 Mar 2020 (simulated)")
    ax.set_ylabel("designated-size industrial firms open, 24 Feb")
    ax.set_title(f"Zhejiang: resumption against epidemic size, {len(runs):,} calibration runs")
    ax.legend(loc="lower left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    calibration_runs.add_arguments(ap, COMMITTED_PARTS, (500.0, 2500.0), "cases on 1 Mar counted as a realistic epidemic size")
    repro_output.add_arguments(ap)
    args = ap.parse_args(argv)
    calibration_runs.check_arguments(ap, args)
    out_dir = repro_output.resolve(ap, args)
    pub = published()
    runs = calibration_runs.read_parts(args.parts, args.limit, read_run, fail)
    source = calibration_runs.source_name(args.parts, ROOT)
    result = {"source": source, **analyse(runs, tuple(args.band), pub)}
    json_path = os.path.join(out_dir, "zhejiang_resumption_limit.json")
    with open(json_path + ".tmp", "w") as f:
        json.dump(result, f, indent=1)
    os.replace(json_path + ".tmp", json_path)
    plot(runs, tuple(args.band), pub, os.path.join(out_dir, "zhejiang_resumption_limit.png"))
    b = result["band"]
    print(f"{result['runs']} runs; rho(resumption 24 Feb, cases 1 Mar) = "
          f"{result['spearman_resumption_with']['cases_1_mar']}")
    print(f"cases in [{b['cases_from']:g}, {b['cases_to']:g}]: {b['runs']} runs, resumption {b['resumption_24_feb']}, "
          f"{b['runs_over_published']} over {pub['resumption_24_feb']:g}")
    print(f"wrote {json_path}")


if __name__ == "__main__":
    main()
