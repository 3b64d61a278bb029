#!/usr/bin/python3
"""The health code's diffusion across China's cities (seed 004, issue 14): adoption curve,
map of adoption dates, codes issued in Zhejiang and Hangzhou, and counterfactuals.

    /usr/bin/python3 paper_repro/health_code_diffusion.py [--small] [--out DIR] [--replicates N]

What it does (with build/govsim; build it first, see README):
 1. Runs scenarios/health_code_china.toml N times (run.index 0..N-1) at 1/1000 of the census
    (--small: 1/20,000 and 3 replicates), the first with a checkpoint at the end of 3 Feb 2020, the
    day before Yuhang's request (docs/checkpoints.md).
 2. Branches that checkpoint (`govsim branch --set`) into the three counterfactuals of issue 14:
    no platform firm (every government builds alone), siloed data, no mutual recognition.
 3. Draws (a) the number of cities with a code, median and range over replicates, with the seed's
    timeline from paper_repro/targets/health_code.toml; (b) a map of adoption dates (replicate 0,
    scenarios/data/china/prefectures.geojson); (c) codes issued per day in Zhejiang and in Hangzhou;
    (d) the counterfactual curves, and compares them on adoption speed, share green and work.
Writes health_code_diffusion.png and health_code_diffusion.json (the prediction for every day,
the fitted figures beside the published ones, the counterfactual comparison) to --out (default
outside the source tree, $TMPDIR/govsim-repro).
"""
import argparse
import json
import os
import subprocess
import sys
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))

import govsim_runner  # noqa: E402
import repro_output  # noqa: E402

SCENARIO = os.path.join(ROOT, "scenarios", "health_code_china.toml")
TARGETS = os.path.join(ROOT, "paper_repro", "targets", "health_code.toml")
GEOJSON = os.path.join(ROOT, "scenarios", "data", "china", "prefectures.geojson")
CHECKPOINT_DAY = "2020-02-03"
COUNTERFACTUALS = {
    "no platform firm": "health_code.platform.cobuild=false",
    "siloed data": "health_code.platform.pooled_data=false",
    "no mutual recognition": "health_code.residents.recognition_enabled=false",
}
FOCUS_PROVINCE = "330000"  # Zhejiang, the province of the focus city of the scenario


def govsim(binary, args):
    r = subprocess.run([binary] + args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"health_code_diffusion.py: govsim {args[0]} failed: {r.stderr.strip() or r.stdout.strip()}")


def read(path):
    import h5py
    with h5py.File(path, "r") as f:
        d = f["series/daily"]
        out = {k: d[k][:] for k in ("n_cities_with_code", "n_city_code_by_region", "new_codes_issued_by_region",
                                     "share_green", "n_working", "new_intercity_trips")}
        out["codes"] = _groups(d["n_city_code_by_region"])
        out["dates"] = [x.decode() for x in f["time/daily/date"][:]]
        out["scalars"] = {k: float(v[()]) for k, v in f["summary/scalars"].items()}
    return out


def _groups(ds):
    g = ds.attrs["groups"]
    return (g.decode() if isinstance(g, bytes) else str(g)).split(",")


def adoption_days(r):
    live = r["n_city_code_by_region"] > 0.5
    return np.where(live.any(axis=0), live.argmax(axis=0), -1)


def draw_map(ax, r, fig):
    from matplotlib.collections import PolyCollection
    with open(GEOJSON, encoding="utf-8") as f:
        geo = json.load(f)
    day = dict(zip(r["codes"], adoption_days(r)))
    polys, vals = [], []
    for feat in geo["features"]:
        g = feat["geometry"]
        parts = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for part in parts:
            polys.append(np.asarray(part[0]))
            vals.append(day.get(feat["properties"]["code"], -1))
    vals = np.asarray(vals, float)
    vals[vals < 0] = np.nan
    pc = PolyCollection(polys, array=np.ma.masked_invalid(vals), cmap="viridis_r", edgecolors="white",
                        linewidths=0.1)
    pc.cmap.set_bad("lightgrey")
    ax.add_collection(pc)
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    cb = fig.colorbar(pc, ax=ax, shrink=0.7)
    cb.set_label(f"adoption day (days after {r['dates'][0]})")
    ax.set_title("(b) adoption date by city (replicate 0; grey: none)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=govsim_runner.DEFAULT_GOVSIM)
    ap.add_argument("--small", action="store_true", help="1/20,000 of the census and 3 replicates: a smoke test")
    ap.add_argument("--replicates", type=int, default=None, help="replicates of the base run (default 5; --small 3)")
    ap.add_argument("--threads", type=int, default=2)
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    out = repro_output.resolve(ap, args)
    scale = 0.00005 if args.small else 0.001
    reps = args.replicates or (3 if args.small else 5)
    work = govsim_runner.make_workdir("govsim-health-code-")
    base_sets = ["--set", f"population.scale={scale}", "--threads", str(args.threads), "--quiet"]

    runs = []
    for i in range(reps):
        path = os.path.join(work, f"base-{i}.h5")
        extra = ["--checkpoint", os.path.join(work, "ck.h5"), "--checkpoint-at", CHECKPOINT_DAY] if i == 0 else []
        govsim(args.govsim, ["run", SCENARIO, "-o", path, "--set", f"run.index={i}"] + base_sets + extra)
        runs.append(read(path))
    cfs = {}
    for name, change in COUNTERFACTUALS.items():
        path = os.path.join(work, name.replace(" ", "_") + ".h5")
        govsim(args.govsim, ["branch", os.path.join(work, "ck.h5"), "-o", path, "--set", change,
                             "--threads", str(args.threads), "--quiet"])
        cfs[name] = read(path)

    with open(TARGETS, "rb") as f:
        targets = tomllib.load(f)["target"]
    dates = runs[0]["dates"]
    curves = np.array([r["n_cities_with_code"] for r in runs])
    med, lo, hi = np.median(curves, axis=0), curves.min(axis=0), curves.max(axis=0)
    zj = [j for j, c in enumerate(runs[0]["codes"]) if c[:2] == FOCUS_PROVINCE[:2]]
    focus = tomllib.loads(open(SCENARIO, encoding="utf-8").read()).get("health_code", {}).get(
        "report", {}).get("focus_region", "330100")
    hz = runs[0]["codes"].index(focus)

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(2, 2, figsize=(13, 9.5))
    t = np.arange(len(dates))
    ticks = t[::14]
    ax = axes[0, 0]
    ax.fill_between(t, lo, hi, color="tab:blue", alpha=0.25, label=f"range of {reps} replicates")
    ax.plot(t, med, color="tab:blue", label="median")
    for tg in targets:
        day = dates.index(tg["date"]) if tg["date"] in dates else None
        if day is None:
            continue
        if tg["id"] == "hangzhou_launch":
            ax.axvline(day, color="grey", ls=":", label="Hangzhou online (published)")
        elif tg["kind"] == "range":
            ax.errorbar([day], [np.mean(tg["value"])], yerr=[[np.ptp(tg["value"]) / 2]], fmt="s", color="black",
                        label=tg["label"] + " (published)")
        else:
            ax.plot([day], [tg["value"]], "D", color="tab:red", label=tg["label"] + " (published, Zhejiang)")
    ax.set_xticks(ticks, [dates[k][5:] for k in ticks])
    ax.set_ylabel("cities with a code")
    ax.set_title(f"(a) cities with a health code ({repro_output.scale_label(scale)})")
    ax.legend(fontsize=7, loc="upper left")
    draw_map(axes[0, 1], runs[0], fig)
    ax = axes[1, 0]
    issued = runs[0]["new_codes_issued_by_region"] / scale
    ax.plot(t, issued[:, zj].sum(axis=1), label="Zhejiang")
    ax.plot(t, issued[:, hz], label="Hangzhou")
    ax.set_yscale("symlog", linthresh=1e3)
    ax.set_xticks(ticks, [dates[k][5:] for k in ticks])
    ax.set_ylabel("codes issued per day (census scale)")
    ax.set_title("(c) codes issued (replicate 0)")
    ax.legend(fontsize=8)
    ax = axes[1, 1]
    ax.plot(t, runs[0]["n_cities_with_code"], color="black", label="as it happened (replicate 0)")
    for name, r in cfs.items():
        ax.plot(t, r["n_cities_with_code"], label=name)
    ax.axvline(dates.index(CHECKPOINT_DAY), color="grey", ls=":", lw=0.8)
    ax.set_xticks(ticks, [dates[k][5:] for k in ticks])
    ax.set_ylabel("cities with a code")
    ax.set_title(f"(d) counterfactuals, branched at the end of {CHECKPOINT_DAY}")
    ax.legend(fontsize=8)
    fig.tight_layout()
    png = os.path.join(out, "health_code_diffusion.png")
    fig.savefig(png, dpi=110)

    def compare(r):
        s = r["scalars"]
        return {"mean_adoption_day_of_year": s["mean_adoption_day_of_year"],
                "cities_at_national_date": s["cities_at_national_date"],
                "share_green_at_end": s["share_green_at_end"],
                "working_at_end_census_scale": s["working_at_end"] / scale,
                "intercity_trips_census_scale": float(r["new_intercity_trips"].sum() / scale)}

    fitted = []
    for tg in targets:
        sims = [r["scalars"][tg["maps_to"]["scalar"]] for r in runs]
        fitted.append({"id": tg["id"], "use": "fit", "published": tg["value"], "kind": tg["kind"],
                       "simulated_median": float(np.median(sims)), "simulated_range": [min(sims), max(sims)]})
    result = {"scale": scale, "replicates": reps, "git_commit": govsim_runner.git_commit(),
              "dates": dates, "cities_with_code": {"median": med.tolist(), "min": lo.tolist(), "max": hi.tolist()},
              "cities_with_code_by_replicate": curves.tolist(), "fitted_targets": fitted,
              "held_out": "none: seed 004 has no further figure of the diffusion (see the targets file)",
              "adoption_day_replicate_0": dict(zip(runs[0]["codes"], adoption_days(runs[0]).tolist())),
              "counterfactuals": {"as it happened (replicate 0)": compare(runs[0]),
                                  **{k: compare(v) for k, v in cfs.items()}},
              "checkpoint_day": CHECKPOINT_DAY}
    js = os.path.join(out, "health_code_diffusion.json")
    with open(js, "w") as f:
        json.dump(result, f, indent=1)
    for tg in fitted:
        print(f"{tg['id']:<24} published {tg['published']}  simulated median {tg['simulated_median']:g} "
              f"range {tg['simulated_range']}")
    for k, v in result["counterfactuals"].items():
        print(f"{k:<28} " + ", ".join(f"{a} {b:.4g}" for a, b in v.items()))
    print(f"wrote {png} and {js}")


if __name__ == "__main__":
    main()
