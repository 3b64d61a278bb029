#!/usr/bin/python3
"""Re-create seed 002's participation x interdependence typology with and without a platform.

    /usr/bin/python3 paper_repro/typology.py [--replicates 5] [--out DIR] [--refresh-committed] [--small]

What it does (all with build/govsim; build it first, see README):
 Runs the four typology scenarios (scenarios/typology_I.toml ... typology_IV.toml: participation
 0.1 / 0.9 x interdependence 0 (pooled) / 1.5 (half sequential, half reciprocal)) with the platform
 off and on (collab.platform.enabled=false/true), `--replicates` replicates each (run.index
 0..R-1), and reads seed 002's measures from /summary/scalars of each result (models/collab/
 measures.hpp). Nothing is fitted or tuned here; the parameters are the scenarios' and the model's
 defaults. Since issue 16 the scenarios turn on platform adoption and its costs (collab.adoption.*)
 and the participants' kinds (collab.participants.*), so the platform's gain is earned and claim (2)
 can fail; `--set collab.adoption.enabled=false --set collab.participants.enabled=false` gives the
 model before (everyone on the platform at no cost). Claims tested (targets.md section C):
 (1) Without a platform coordination difficulty grows with participation and interdependence:
     mean_close_hours, coordination_hours_per_task and messages_per_task satisfy I < II, I < III,
     II < IV, III < IV (I easiest, IV hardest).
 (2) With a platform every type gains: mean_close_hours, messages_per_task and
     coordination_hours_per_task lower, admin_work_per_official_hour higher, in every type.
 (3) The gains differ by type: the relative gain on every measure and type is reported with the
     type that gains most on each measure (a report); tested only that the largest and smallest
     relative gains in mean_close_hours differ by more than k standard errors.
 (4) Yuezhengyi (type I): document handling time (type I's mean_close_hours) down by more than
     40 % with the platform; passes if the simulated mean reduction exceeds 40 %.
 Replicates whose queue of open tasks grows without bound (summary queue_steady = 0) are flagged and
 left out of every mean (issue 16). Pure sequential (d = 1) and pure reciprocal (d = 2) runs at type
 III's and IV's participation are reported apart from the types' 50/50 mixture (not in the claims).
 Significance: a difference of replicate means counts when it exceeds k = 3 standard errors of
 the difference, s.e. = sqrt(sd_a^2/R + sd_b^2/R), treating the arms as independent. Why 3: with
 R = 5 replicates per arm (about 8 degrees of freedom) 3 s.e. is a two-sided p of about 0.02 per
 comparison, and with 12 + 16 comparisons in claims (1) and (2) a stricter threshold than the
 usual 2 s.e. keeps the chance of a spurious pass small; it is also the replicate-spread rule of
 the other repro scripts. Relative gains are 1 - on/off for lower-is-better measures and
 on/off - 1 for higher-is-better ones, with delta-method standard errors.
 --small: 20,000 residents, 200 officials, tasks per day scaled with the officials (the load per
 official stays the scenarios'), calendar to 2021-04-15, R = 3; a smoke test of the pipeline (< 40 s,
 used by tests/paper_repro/test_typology_repro.cpp): it prints and writes the verdicts, but they are
 not the reproduction and do not decide its exit status (0 unless something breaks).
Writes typology.png and typology.json to --out; the full mode exits 1 if claim (1), (2), (3) or (4)
fails.
"""
import argparse
import concurrent.futures
import json
import math
import os
import sys
import time
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))
import govsim_runner as gr  # noqa: E402
import repro_output  # noqa: E402

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

K = 3.0  # standard errors of a difference of replicate means (see the docstring)
TYPES = ["I", "II", "III", "IV"]
# Position in the 2x2 typology: (row = participation low/high, column = interdependence low/high).
GRID = {"I": (0, 0), "III": (0, 1), "II": (1, 0), "IV": (1, 1)}
TYPE_TEXT = {
    "I": ("low participation, pooled", "Yuezhengyi shared government office platform"),
    "II": ("high participation, pooled", "sensors for elderly living alone; census self-registration"),
    "III": ("low participation, sequential/reciprocal", "Yueshengshi one-stop cross-department services"),
    "IV": ("high participation, sequential/reciprocal", "community grid groups; flood-response shared document"),
}
# Seed 002's platform effect for each type.
TYPE_MEASURES = {
    "I": ["admin_work_per_official_hour"],
    "II": ["social_info_per_day"],
    "III": ["efficiency_per_100_official_hours", "admin_work_per_official_hour"],
    "IV": ["admin_work_per_official_hour", "social_info_per_day", "efficiency_per_100_official_hours"],
}
COMMON = ["mean_close_hours", "messages_per_task", "routing_steps_per_task", "coordination_hours_per_task",
          "share_same_day"]
HIGHER_IS_BETTER = {"admin_work_per_official_hour", "social_info_per_day", "efficiency_per_100_official_hours",
                    "share_same_day", "throughput", "share_satisfied", "share_auto_dispatched"}
FRACTIONS = {"share_same_day", "share_satisfied", "share_dropped", "share_auto_dispatched", "official_utilisation"}
LABEL = {
    "admin_work_per_official_hour": "admin work / official hour",
    "social_info_per_day": "social information / day",
    "efficiency_per_100_official_hours": "tasks / 100 official hours",
    "mean_close_hours": "mean hours to close",
    "messages_per_task": "messages / task",
    "routing_steps_per_task": "routing steps / task",
    "coordination_hours_per_task": "coordination hours / task",
    "share_same_day": "share closed same day",
}
PURE_MEASURES = ["mean_close_hours", "km_mean_close_hours", "adjustment_messages_per_task", "reworks_per_task",
                 "share_dropped", "unsteady"]
DIFFICULTY = ["mean_close_hours", "coordination_hours_per_task", "messages_per_task"]
ORDER = [("I", "II"), ("I", "III"), ("II", "IV"), ("III", "IV")]
GAIN_LOWER = ["mean_close_hours", "messages_per_task", "coordination_hours_per_task"]
GAIN_HIGHER = ["admin_work_per_official_hour"]
YUEZHENGYI_CUT = 0.40
LIM = 1.5  # figure: log10 ratio shown from x0.03 to x30


def scenario(t):
    return os.path.join(gr.ROOT, "scenarios", f"typology_{t}.toml")


def stats(results):
    """Mean, standard error and values of every summary scalar over replicates. A replicate whose
    queue of open tasks did not settle (queue_steady 0: it grows without bound, so its means depend on
    the run's length) is flagged and left out of the means (issue 16); "unsteady" counts them."""
    out = {}
    steady = [r.summary.get("queue_steady", 1.0) == 1.0 for r in results]
    kept = [r for r, ok in zip(results, steady) if ok]
    out["unsteady"] = {"mean": float(len(results) - len(kept)), "se": 0.0, "values": [float(not ok) for ok in steady]}
    for k in results[0].summary:
        v = np.array([r.summary[k] for r in kept], dtype=float) if kept else np.array([np.nan])
        n = int(np.isfinite(v).sum())
        fv = v[np.isfinite(v)]
        out[k] = {"mean": float(fv.mean()) if n else float("nan"),
                  "se": float(fv.std(ddof=1) / math.sqrt(n)) if n > 1 else 0.0,
                  "values": v.tolist()}
    return out


def rel_gain(off, on, m):
    """Relative gain of the platform (positive = better) and its delta-method standard error."""
    a, b = off[m], on[m]
    if not (a["mean"] > 0) or not np.isfinite(b["mean"]):
        return float("nan"), float("nan")
    r = b["mean"] / a["mean"]
    rel_se = math.sqrt((a["se"] / a["mean"]) ** 2 + ((b["se"] / b["mean"]) ** 2 if b["mean"] > 0 else 0.0))
    g = r - 1 if m in HIGHER_IS_BETTER else 1 - r
    return g, r * rel_se


def finite(x):
    return x if isinstance(x, (int, float)) and math.isfinite(x) else None


def clean(o):
    """JSON without NaN/Infinity."""
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, list):
        return [clean(v) for v in o]
    if isinstance(o, float):
        return finite(o)
    return o


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=gr.DEFAULT_GOVSIM)
    ap.add_argument("--replicates", type=int, default=None, help="replicates per type and arm (default 5; 3 with --small)")
    ap.add_argument("--small", action="store_true", help="small, short runs (smoke test, < 40 s)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="extra --set for every run, e.g. collab.adoption.enabled=false and "
                         "collab.participants.enabled=false for the model before issue 16's adoption and actors")
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    args.out = repro_output.resolve(ap, args)
    if not os.access(args.govsim, os.X_OK):
        raise SystemExit(f"typology: {args.govsim} not found; build first (see README)")
    R = args.replicates or (3 if args.small else 5)
    t0 = time.time()

    base_sets = []
    if args.small:
        with open(scenario("I"), "rb") as f:
            sc = tomllib.load(f)
        officials = 200
        per_day = sc["collab"]["tasks"]["per_day"] * officials / sc["population"]["officials"]
        base_sets = ["population.residents=20000", f"population.officials={officials}",
                     f"collab.tasks.per_day={per_day:.4f}", "calendar.end=2021-04-15"]
    base_sets += args.set
    scale_text = ("20,000 residents, 200 officials, to Apr 2021 (--small smoke test)" if args.small
                  else "scenario scale")
    work = gr.make_workdir("govsim-typology-")
    jobs = max(1, os.cpu_count() or 1)
    # The four types, and the pure kinds apart from type III's and IV's 50/50 mixture (issue 16):
    # pure sequential (d = 1) and pure reciprocal (d = 2) at each type's participation.
    configs = [(t, p) for t in TYPES for p in ("off", "on")]
    pure = [(t, d, p) for t in ("III", "IV") for d in (1, 2) for p in ("off", "on")]
    print(f"typology: 4 types x platform off/on x {R} replicates{' (small)' if args.small else ''} ...", flush=True)
    # One single-threaded govsim per core: `jobs` configurations at a time, replicates in turn.
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as outer:
        futs = {c: outer.submit(gr.run_replicates, args.govsim, scenario(c[0]),
                                base_sets + [f"collab.platform.enabled={'true' if c[1] == 'on' else 'false'}"],
                                R, work, f"{c[0]}-{c[1]}", jobs=1)
                for c in configs}
        pfuts = {c: outer.submit(gr.run_replicates, args.govsim, scenario(c[0]),
                                 base_sets + [f"collab.interdependence={c[1]}",
                                              f"collab.platform.enabled={'true' if c[2] == 'on' else 'false'}"],
                                 R, work, f"{c[0]}-d{c[1]}-{c[2]}", jobs=1)
                 for c in pure}
        S = {t: {} for t in TYPES}
        for (t, p), fu in futs.items():
            S[t][p] = stats(fu.result())
        PURE = {f"{t}_d{d}_{p}": stats(fu.result()) for (t, d, p), fu in pfuts.items()}
    os.rmdir(work)
    run_seconds = time.time() - t0

    def diff_test(a, b, m):
        """a < b by more than K s.e. of the difference."""
        d = b[m]["mean"] - a[m]["mean"]
        se = math.sqrt(a[m]["se"] ** 2 + b[m]["se"] ** 2)
        return d, se, bool(d > K * se)

    # (1) Difficulty without a platform.
    c1 = []
    for m in DIFFICULTY:
        for lo, hi in ORDER:
            d, se, ok = diff_test(S[lo]["off"], S[hi]["off"], m)
            c1.append({"measure": m, "comparison": f"{lo} < {hi}", "lower": S[lo]["off"][m]["mean"],
                       "higher": S[hi]["off"][m]["mean"], "difference": d, "se_difference": se,
                       "z": d / se if se > 0 else float("inf") if d > 0 else 0.0, "pass": ok})
    # (2) Every type gains.
    c2 = []
    for t in TYPES:
        for m in GAIN_LOWER + GAIN_HIGHER:
            off, on = S[t]["off"], S[t]["on"]
            d, se, ok = diff_test(on, off, m) if m in GAIN_LOWER else diff_test(off, on, m)
            c2.append({"type": t, "measure": m, "direction": "lower" if m in GAIN_LOWER else "higher",
                       "off": off[m]["mean"], "on": on[m]["mean"], "improvement": d, "se_difference": se,
                       "z": d / se if se > 0 else float("inf") if d > 0 else 0.0, "pass": ok})
    # (3) Gains by type.
    measures = sorted(set(COMMON) | {m for v in TYPE_MEASURES.values() for m in v}
                      | set(GAIN_LOWER + GAIN_HIGHER))
    gains = {t: {} for t in TYPES}
    for t in TYPES:
        for m in measures:
            g, gse = rel_gain(S[t]["off"], S[t]["on"], m)
            gains[t][m] = {"relative_gain": g, "se": gse,
                           "absolute_change": S[t]["on"][m]["mean"] - S[t]["off"][m]["mean"]}
    largest = {}
    for m in measures:
        # Shares are ranked by their change in percentage points (their no-platform level can be 0).
        key = "absolute_change" if m in FRACTIONS else "relative_gain"
        sign = -1 if (m in FRACTIONS and m not in HIGHER_IS_BETTER) else 1
        vals = {t: sign * gains[t][m][key] for t in TYPES if math.isfinite(gains[t][m][key])}
        if vals:
            largest[m] = {"type": max(vals, key=vals.get), "ranked_by": key}
    mc = {t: gains[t]["mean_close_hours"] for t in TYPES}
    tmax = max(TYPES, key=lambda t: mc[t]["relative_gain"])
    tmin = min(TYPES, key=lambda t: mc[t]["relative_gain"])
    spread = mc[tmax]["relative_gain"] - mc[tmin]["relative_gain"]
    spread_se = math.sqrt(mc[tmax]["se"] ** 2 + mc[tmin]["se"] ** 2)
    c3 = {"measure": "mean_close_hours", "largest_gain_type": tmax, "largest_gain": mc[tmax]["relative_gain"],
          "smallest_gain_type": tmin, "smallest_gain": mc[tmin]["relative_gain"], "difference": spread,
          "se_difference": spread_se, "pass": bool(spread > K * spread_se)}
    # (4) Yuezhengyi.
    cut, cut_se = mc["I"]["relative_gain"], mc["I"]["se"]
    c4 = {"measure": "mean_close_hours, type I", "published": "> 40 % reduction",
          "off": S["I"]["off"]["mean_close_hours"]["mean"], "on": S["I"]["on"]["mean_close_hours"]["mean"],
          "simulated_reduction": cut, "se": cut_se, "pass": bool(cut > YUEZHENGYI_CUT)}

    verdict = {"1_difficulty_grows_without_platform": all(c["pass"] for c in c1),
               "2_every_type_gains_with_platform": all(c["pass"] for c in c2),
               "3_gain_in_close_hours_differs_by_type": c3["pass"],
               "4_yuezhengyi_handling_time_cut_over_40pct": c4["pass"]}
    ok = all(verdict.values())

    # Figure: the 2x2 typology, each panel the platform-on / platform-off ratio of its measures.
    fig, axes = plt.subplots(2, 2, figsize=(15, 11))
    for t in TYPES:
        ax = axes[GRID[t]]
        ms = TYPE_MEASURES[t] + COMMON
        y = np.arange(len(ms))[::-1]
        for yi, m in zip(y, ms):
            off, on = S[t]["off"][m], S[t]["on"][m]
            better = (on["mean"] > off["mean"]) == (m in HIGHER_IS_BETTER)
            color = "#2a9d8f" if better else "#e76f51"
            own = m in TYPE_MEASURES[t]
            lr = math.log10(on["mean"] / off["mean"]) if off["mean"] > 0 and on["mean"] > 0 else None
            if lr is not None and abs(lr) <= LIM:
                lse = math.sqrt((off["se"] / off["mean"]) ** 2 + (on["se"] / on["mean"]) ** 2)
                ax.barh(yi, lr, color=color, alpha=0.9 if own else 0.55, edgecolor="k" if own else "none",
                        height=0.65)
                ax.errorbar(lr, yi, xerr=K * lse / math.log(10), fmt="none", ecolor="k", capsize=3, lw=1)
                txt = f"×{10 ** lr:.2g}"
            else:  # zero (or near zero) in one arm: the bar is clipped at the axis and hatched
                up = on["mean"] > off["mean"]
                ax.barh(yi, LIM if up else -LIM, color=color, alpha=0.35, hatch="//", height=0.65,
                        edgecolor=color)
                txt = (f"×{10 ** lr:.2g}" if lr is not None else "from 0" if off["mean"] == 0 else "to 0")
            fmt = ((lambda v: f"{100 * v:.1f} %") if m in FRACTIONS else
                   (lambda v: f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"))
            ax.text(1.03, yi, f"{fmt(off['mean'])} → {fmt(on['mean'])}\n({txt})", va="center", fontsize=8.5,
                    transform=ax.get_yaxis_transform(), clip_on=False, weight="bold" if own else "normal")
        ax.axvline(0, color="k", lw=0.8)
        ax.set_yticks(y)
        ax.set_yticklabels([LABEL.get(m, m) for m in ms], fontsize=9)
        for lab, m in zip(ax.get_yticklabels(), ms):
            if m in TYPE_MEASURES[t]:
                lab.set_fontweight("bold")
        ax.set_xlim(-LIM, LIM)
        ax.set_xticks([-1.5, -1, -0.5, 0, 0.5, 1, 1.5])
        ax.set_xticklabels(["×0.03", "×0.1", "×0.3", "×1", "×3", "×10", "×30"], fontsize=8)
        ax.set_xlabel("platform on / platform off (log scale)", fontsize=9)
        ax.text(1.03, -0.045, "mean: off → on\n(ratio)", transform=ax.transAxes, fontsize=9, style="italic", va="top")
        ax.grid(axis="x", color="0.9", zorder=0)
        ax.set_axisbelow(True)
        ax.set_title(f"Type {t}: {TYPE_TEXT[t][0]}\ne.g. {TYPE_TEXT[t][1]}", fontsize=10.5)
    fig.subplots_adjust(left=0.17, right=0.88, top=0.87, bottom=0.13, wspace=0.95, hspace=0.40)
    # Every mark explained: colours, outline (the type's own measure), error bars, hatching.
    from matplotlib.patches import Patch
    from matplotlib.lines import Line2D
    handles = [Patch(facecolor="#2a9d8f", label="platform better"),
               Patch(facecolor="#e76f51", label="platform worse"),
               Patch(facecolor="0.75", edgecolor="k", label="the type's own measure (outlined, bold)"),
               Line2D([0], [0], color="k", marker="|", lw=1, label=f"±{K:g} s.e. of the log ratio"),
               Patch(facecolor="0.85", hatch="//", edgecolor="0.4",
                     label="hatched: zero in one arm, or a ratio beyond the axis (×0.03-×30); bar clipped")]
    fig.legend(handles=handles, loc="lower center", ncol=5, fontsize=8.5, frameon=False, bbox_to_anchor=(0.5, 0.035))
    fig.text(0.012, 0.70, "participation LOW", rotation=90, fontsize=12, weight="bold", va="center")
    fig.text(0.012, 0.27, "participation HIGH", rotation=90, fontsize=12, weight="bold", va="center")
    fig.text(0.28, 0.935, "interdependence LOW (pooled)", fontsize=12, weight="bold", ha="center")
    fig.text(0.74, 0.935, "interdependence HIGH (sequential / reciprocal)", fontsize=12, weight="bold", ha="center")
    fig.suptitle(f"Seed 002 typology: platform effect by type ({scale_text}; mean of {R} replicates)\n"
                 f"error bars ±{K:g} s.e.; "
                 f"green = better, red = worse; bold = the type's own measure"
                 , fontsize=11, y=0.99)
    fig.text(0.5, 0.012, "claims: " + ";   ".join(
        f"{k.split('_', 1)[0]}) {k.split('_', 1)[1].replace('_', ' ')}: {'PASS' if v else 'FAIL'}"
        for k, v in verdict.items()) + f"   (k = {K:g} s.e.; details in typology.json)", ha="center", fontsize=9)
    png = os.path.join(args.out, "typology.png")
    fig.savefig(png, dpi=110)

    report = {
        "source": "seed 002 (Huang & Li, participation x interdependence typology), targets.md section C",
        "git_commit": gr.git_commit(), "replicates": R, "small": bool(args.small), "k_standard_errors": K,
        "extra_sets": base_sets, "verdict": verdict, "pass": ok,
        "claim_1_difficulty_without_platform": c1,
        "claim_2_platform_gains": c2,
        "claim_3_gain_by_type": {"relative_gains": gains, "largest_gain_by_measure": largest, "test": c3},
        "claim_4_yuezhengyi": c4,
        "unsteady_replicates": {f"{t}_{p}": S[t][p]["unsteady"]["mean"] for t in TYPES for p in ("off", "on")},
        "pure_kinds": {k: {m: {"mean": v[m]["mean"], "se": v[m]["se"]} for m in PURE_MEASURES if m in v}
                       for k, v in PURE.items()},
        "measures": {t: {p: {m: {"mean": v["mean"], "se": v["se"]} for m, v in S[t][p].items()}
                         for p in ("off", "on")} for t in TYPES},
        "scenario_axes": {t: {"participation": 0.1 if GRID[t][0] == 0 else 0.9,
                              "interdependence": 0.0 if GRID[t][1] == 0 else 1.5} for t in TYPES},
        "runtime_seconds": time.time() - t0,
    }
    with open(os.path.join(args.out, "typology.json"), "w", encoding="utf-8") as f:
        json.dump(clean(report), f, indent=2, allow_nan=False)

    P = lambda b: "PASS" if b else "FAIL"  # noqa: E731
    flagged = {f"{t} {p}": int(S[t][p]["unsteady"]["mean"]) for t in TYPES for p in ("off", "on")
               if S[t][p]["unsteady"]["mean"] > 0}
    if flagged:
        print("queues that grew without bound (replicates left out of the means): "
              + ", ".join(f"{k}: {v} of {R}" for k, v in flagged.items()))
    print("\npure kinds apart from the mixture (d = 1 sequential, d = 2 reciprocal; replicate means, steady runs only)")
    print(f"  {'run':<14}" + "".join(f"{m[:22]:>24}" for m in PURE_MEASURES))
    for k, v in PURE.items():
        print(f"  {k:<14}" + "".join(f"{v[m]['mean']:>24.4g}" for m in PURE_MEASURES))
    print(f"\n(1) without a platform, difficulty I < II, III < IV (k = {K:g} s.e.)")
    print(f"  {'measure':<30}{'cmp':<10}{'lower':>10}{'higher':>10}{'z':>9}  result")
    for c in c1:
        print(f"  {c['measure']:<30}{c['comparison']:<10}{c['lower']:>10.3g}{c['higher']:>10.3g}{c['z']:>9.1f}  {P(c['pass'])}")
    print(f"\n(2) with a platform every type gains (k = {K:g} s.e.)")
    print(f"  {'type':<6}{'measure':<30}{'off':>10}{'on':>10}{'z':>9}  result")
    for c in c2:
        print(f"  {c['type']:<6}{c['measure']:<30}{c['off']:>10.3g}{c['on']:>10.3g}{c['z']:>9.1f}  {P(c['pass'])}")
    print("\n(3) relative gain with the platform (positive = better; shares: change in percentage points)")
    print(f"  {'measure':<34}" + "".join(f"{t:>10}" for t in TYPES) + "   most")
    for m in measures:
        cells = []
        for t in TYPES:
            g = gains[t][m]
            v = 100 * g["absolute_change"] if m in FRACTIONS else 100 * g["relative_gain"]
            cells.append(f"{v:>+9.1f}{'p' if m in FRACTIONS else '%'}" if math.isfinite(v) else f"{'n/a':>10}")
        print(f"  {m:<34}" + "".join(cells) + f"   {largest.get(m, {}).get('type', '-')}")
    print(f"  mean_close_hours: largest gain {tmax} {100 * c3['largest_gain']:.1f} %, smallest {tmin} "
          f"{100 * c3['smallest_gain']:.1f} %, difference {100 * spread:.1f} ± {100 * spread_se:.1f} pp "
          f"(> {K:g} s.e.?)  {P(c3['pass'])}")
    print(f"\n(4) Yuezhengyi (type I) document handling time: published > 40 % cut; simulated "
          f"{c4['off']:.3g} h → {c4['on']:.3g} h, cut {100 * cut:.1f} % ± {100 * cut_se:.1f}  {P(c4['pass'])}")
    print(f"\n{'claim':<48}result")
    for k, v in verdict.items():
        print(f"{k:<48}{P(v)}")
    print(f"\nwrote {png} and typology.json ({time.time() - t0:.0f} s; runs {run_seconds:.0f} s); overall {P(ok)}"
          + (" (--small: smoke test, exit status 0 whatever the verdicts)" if args.small else ""))
    return 0 if ok or args.small else 1


if __name__ == "__main__":
    sys.exit(main())
