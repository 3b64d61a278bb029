#!/usr/bin/python3
"""Re-create the Yuexiu grid-dispatch figures of seed 003 (targets.md D): before vs after the platform.

    /usr/bin/python3 paper_repro/yuexiu_dispatch.py [--replicates 10] [--out DIR] [--refresh-committed] [--small]

What it does (with build/govsim; build it first, see README): runs scenarios/yuexiu_grid_dispatch.toml
at full scale (1.17 M residents, 18 streets, 1 893 grids, 44 departments; the platform goes live on
1 Apr 2020) for `--replicates` replicates (run.index 0..R-1) and compares, for the period from the
launch to 15 Dec 2020, with the published figures (Nanfang Daily 18 Dec 2020, quoted in seed 003):

    events closed on the day they are reported   78.8 %   tolerance +/- 2 pp
    events dispatched automatically              98 %     tolerance +/- 1 pp
    routing steps per event, after vs before     -40 %    tolerance +/- 3 pp
    handling speed, before / after               6x       tolerance +/- 1
    events handled since April 2020              7 853    tolerance +/- 10 %

Why these tolerances: the shares come from ~7 853 events, so their binomial standard error is about
0.5 pp near 79 % and 0.16 pp near 98 %; the published 78.8 % is rounded to 0.1 pp; 2 pp and 1 pp are
about four and six standard errors. "40 %" and "6 times" are round figures: we accept values that
round to them at the precision they are quoted with (37-43 %, 5-7x). The count covers "about 8
months", so +/- 10 %.

Fitted or predicted (issue 16): each figure's use is read from paper_repro/calibrations/yuexiu.toml.
The scenario carries that calibration's posterior medians. Only the FITTED figures (and the event
count, which is an input: tasks per day x days) decide PASS/FAIL; a held-out figure is a prediction,
printed as "predicted" or "missed" - a miss is a finding, not a failure of the script. The 98 %
automatic dispatch now follows from the platform's dispatch table (collab.dispatch.*), so it is held
out. Also reported, not compared with a figure: messages per event, residents' satisfaction, the share
closed the same day before the launch, the mean and the censored (Kaplan-Meier) hours to close,
official utilisation with the officials' other work, and whether each period's queue settled.

It also prints the "activate society" figures of the residents' platform (registrations, party
members, services, deliberation items, votes, participants; paper_repro/targets/yuexiu.toml) against
the society layer, with counts at the district's population; they are reported, not part of the
PASS/FAIL (most are held out of the calibration: docs/calibration.md).

Writes yuexiu_dispatch.png and yuexiu_dispatch.json to --out; exits 1 if any published dispatch
fitted figure falls outside its tolerance. --small runs a tenth of the residents with 2 replicates: a
smoke test of the pipeline (for tests), exit status 0 whatever the verdicts.
"""
import argparse
import json
import os
import shutil
import sys
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))
import govsim_runner as gr  # noqa: E402
import repro_output  # noqa: E402
import yuexiu_common as yc  # noqa: E402

import posterior_band  # noqa: E402

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CALIBRATION = os.path.join(HERE, "calibrations", "yuexiu.toml")

CONTEXT = [
    ("share_same_day_before", "closed the same day, before", "fraction"),
    ("mean_close_hours_before", "mean hours to close, before", "hours"),
    ("mean_close_hours_after", "mean hours to close, after", "hours"),
    ("routing_steps_before", "routing steps per event, before", "steps"),
    ("routing_steps_after", "routing steps per event, after", "steps"),
    ("messages_before", "messages per event, before", "messages"),
    ("messages_after", "messages per event, after", "messages"),
    ("share_satisfied_before", "rated satisfactory (closed < 72 h), before", "fraction"),
    ("share_satisfied_after", "rated satisfactory (closed < 72 h), after", "fraction"),
    ("km_close_hours_before", "hours to close, censored (Kaplan-Meier), before", "hours"),
    ("km_close_hours_after", "hours to close, censored (Kaplan-Meier), after", "hours"),
    ("utilisation_after", "official utilisation (tasks + other work), after", "fraction"),
    ("task_utilisation_after", "official utilisation on the events alone, after", "fraction"),
    ("queue_steady_before", "queue settled before the launch (1 yes)", ""),
    ("queue_steady_after", "queue settled after the launch (1 yes)", ""),
]


def target_uses():
    """{target id: "fit" | "holdout"} from the calibration file."""
    with open(CALIBRATION, "rb") as f:
        cal = tomllib.load(f)
    return {t["id"]: t["use"] for t in cal["calibration"].get("target", [])}


def weekly(results, name):
    """Weekly means of a daily series, per replicate, with the week start dates."""
    dates = results[0].dates
    x = np.array([r.daily[name] for r in results], dtype=float)
    n = x.shape[1] // 7
    return dates[: n * 7 : 7], np.nanmean(x[:, : n * 7].reshape(len(results), n, 7), axis=2)


def draw_figures(ax, rows, predictive, title):
    """Simulated / published for each figure (grey: tolerance), with the posterior predictive band
    of the figures a calibration fitted or held out."""
    y = np.arange(len(rows))
    rel = [t["simulated"] / t["published"] for t in rows]
    err = [t["sd"] / t["published"] for t in rows]
    lo = [1 - t["tolerance"] / t["published"] if t["how"] == "abs" else 1 - t["tolerance"] for t in rows]
    hi = [1 + t["tolerance"] / t["published"] if t["how"] == "abs" else 1 + t["tolerance"] for t in rows]
    for i in range(len(rows)):
        ax.plot([lo[i], hi[i]], [y[i], y[i]], color="0.8", lw=8, solid_capstyle="butt")
    ax.errorbar(rel, y, xerr=err, fmt="o", color="C0", label="simulated / published (±1 s.d.)")
    if predictive is not None:
        shown = set()
        for i, t in enumerate(rows):
            row = predictive.rows.get(t["key"])
            if row is not None:
                posterior_band.draw(ax, y[i] + 0.32, row, scale=1 / t["published"], horizontal=True, legend_once=shown)
                ax.text(row["predictive_90"][1] / t["published"], y[i] + 0.32, "  " + predictive.label(row),
                        fontsize=7, va="center")
            else:
                ax.text(1, y[i] + 0.32, "  not in the calibration", fontsize=7, va="center", color="0.4")
    ax.axvline(1, color="k", lw=1)
    ax.set_yticks(y, [t["label"][:60] for t in rows], fontsize=8)
    ax.set_xlabel("simulated / published (grey: tolerance; '> x': x is a lower bound)")
    ax.set_title(title, fontsize=10)
    if predictive is not None:
        ax.set_ylim(-0.5, len(rows) - 0.1)
        ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.16))
    else:
        ax.legend(fontsize=8, loc="lower right")


def plot(results, table, society, path, scale_text="full scale", predictive=None):
    fig, axes = plt.subplots(1, 4, figsize=(26, 5.2), constrained_layout=True)
    launch = "2020-04-01"
    published_same_day = next(t[2] for t in yc.TARGETS if t[0] == "share_same_day")
    for ax, (name, label, ylabel) in zip(axes[:2], [
            ("share_same_day", "share closed the same day", "events closed the day reported (fraction)"),
            ("mean_close_hours", "mean hours from report to closure", "hours from report to closure")]):
        dates, w = weekly(results, name)
        idx = np.arange(len(dates))
        ax.plot(idx, np.nanmean(w, axis=0), color="C0", label=f"simulated, replicate mean ({len(results)} runs)")
        ax.fill_between(idx, np.nanmin(w, axis=0), np.nanmax(w, axis=0), color="C0", alpha=0.25,
                        label="replicate range")
        li = next(i for i, d in enumerate(dates) if str(d) >= launch)
        ax.axvline(li, color="k", ls="--", lw=1, label="platform live (1 Apr 2020)")
        ax.text(li + 1, ax.get_ylim()[1] * 0.95, "platform live", va="top", fontsize=8)
        if name == "share_same_day":
            ax.axhline(published_same_day, color="C3", lw=1,
                       label=f"published {100 * published_same_day:.1f} % (after the launch)")
        ticks = idx[::8]
        ax.set_xticks(ticks, [str(dates[i])[:7] for i in ticks], rotation=45, fontsize=8)
        ax.set_title(f"Yuexiu: weekly {label} ({scale_text})", fontsize=10)
        ax.set_ylabel(ylabel)
        ax.set_xlabel("week starting")
        ax.legend(fontsize=8)
    draw_figures(axes[2], table, predictive, "published dispatch figures, after the launch")
    draw_figures(axes[3], society, predictive, "published 'activate society' figures (residents' platform)")
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=gr.DEFAULT_GOVSIM)
    ap.add_argument("--replicates", type=int, default=None, help="replicates (default 10; 2 with --small)")
    repro_output.add_arguments(ap)
    ap.add_argument("--small", action="store_true", help="a tenth of the residents, 2 replicates")
    posterior_band.add_argument(ap)
    args = ap.parse_args()
    predictive = posterior_band.load(args.posterior)
    args.out = repro_output.resolve(ap, args)
    if not os.access(args.govsim, os.X_OK):
        raise SystemExit(f"yuexiu_dispatch: {args.govsim} not found; build first (see README)")
    R = args.replicates or (2 if args.small else 10)
    sets = ["population.residents=117000", "collab.society.communities=22"] if args.small else []
    work = gr.make_workdir("govsim-yuexiu-")
    try:
        results = gr.run_replicates(args.govsim, yc.SCENARIO, sets, R, work, "yuexiu", jobs=2, threads=1)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # run_replicates removes its files; this removes the rest
    obs = [yc.observables(r) for r in results]

    table, ok = [], True
    uses = target_uses()
    print(f"Yuexiu grid dispatch, {R} replicates, {int(results[0].file_attrs['num_residents'])} residents")
    print(f"{'figure':<50}{'published':>11}{'simulated':>11}{'s.d.':>9}{'tolerance':>11}  use      verdict")
    for key, label, target, tol, how in yc.TARGETS:
        v = np.array([o[key] for o in obs])
        mean, sd = float(v.mean()), float(v.std(ddof=1)) if R > 1 else 0.0
        passed = yc.within(key, mean)
        use = uses.get(key, "input")
        if use == "holdout":
            verdict = "predicted" if passed else "missed"
        else:
            verdict = "PASS" if passed else "FAIL"
            ok &= passed
        tol_text = f"±{tol:g}" if how == "abs" else f"±{100 * tol:g}%"
        print(f"{label:<50}{target:>11.4g}{mean:>11.4g}{sd:>9.3g}{tol_text:>11}  {use:<8} {verdict}")
        table.append({"key": key, "label": label, "published": target, "simulated": mean, "sd": sd,
                      "tolerance": tol, "how": how, "use": use, "verdict": verdict, "pass": bool(passed)})
    print("\nnot fitted (no published figure):")
    context = {}
    for key, label, unit in CONTEXT:
        v = np.array([o[key] for o in obs])
        context[key] = {"label": label, "unit": unit, "mean": float(v.mean()), "sd": float(v.std(ddof=1)) if R > 1 else 0}
        print(f"  {label:<48}{v.mean():>10.4g} {unit}")

    # "Activate society": the residents' platform's figures (not part of PASS/FAIL: most are held out
    # of the calibration, and a miss there is a finding, docs/calibration.md).
    soc = [yc.society_observables(r) for r in results]
    society, plot_rows = [], []
    print("\nactivate society (residents' platform; counts at the district's population; not in PASS/FAIL):")
    for t in yc.SOCIETY:
        v = np.array([o[t["id"]] for o in soc])
        mean = float(np.nanmean(v)) if np.isfinite(v).any() else float("nan")
        inside = yc.society_inside(t, mean)
        published = ("> " if t.get("kind") == "lower" else "") + f"{t['value']:g}"
        verdict = "no simulated counterpart" if not t.get("maps_to") else ("inside" if inside else "outside")
        print(f"  {t['label'][:70]:<72}{published:>10}{mean:>11.4g}  {verdict}")
        society.append({"id": t["id"], "label": t["label"], "kind": t.get("kind", "point"), "published": t["value"],
                        "simulated": mean, "inside_tolerance": bool(inside), "verdict": verdict})
        if t.get("maps_to"):
            tol = t["tolerance"]
            plot_rows.append({"key": t["id"], "label": ("> " if t.get("kind") == "lower" else "") + t["label"],
                              "published": t["value"], "simulated": mean,
                              "sd": float(np.nanstd(v, ddof=1)) if R > 1 else 0.0,
                              "tolerance": tol.get("absolute", tol.get("relative")),
                              "how": "abs" if "absolute" in tol else "rel"})

    residents = int(results[0].file_attrs["num_residents"])
    scale_text = repro_output.scale_label(residents / 1_170_000) if args.small else "full scale"
    plot(results, table, plot_rows, os.path.join(args.out, "yuexiu_dispatch.png"), scale_text, predictive)
    record = {"scenario": os.path.relpath(yc.SCENARIO, gr.ROOT), "replicates": R, "small": args.small,
              "git_commit": gr.git_commit(), "figures": table, "society": society, "context": context, "pass": bool(ok)}
    if predictive is not None:
        record["posterior_predictive"] = predictive.record
    with open(os.path.join(args.out, "yuexiu_dispatch.json"), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    print(f"\nyuexiu_dispatch: {'PASS' if ok else 'FAIL'} (fitted figures and the event count); wrote {args.out}/yuexiu_dispatch.png and .json")
    return 0 if ok or args.small else 1


if __name__ == "__main__":
    sys.exit(main())
