#!/usr/bin/python3
"""Where each collaboration type's queue saturates, and what an analytic queue misses (issue 16, point 4).

    /usr/bin/python3 paper_repro/typology_queues.py [--loads 0.25,0.5,1,2] [--out DIR] [--small]

What it does (with build/govsim): runs the four typology scenarios (scenarios/typology_*.toml) with
the platform off and on at several multiples of their task load, at a reduced scale (4 units, 200
officials, tasks per day scaled with the officials so the load per official is the scenario's
times the multiple; 60 days, the first 14 warm-up; one replicate each). The officials carry their
other work (collab.officials.other_work_share, half their hours by default). For every run it reads

    task_utilisation, official_utilisation   hours on the tasks / with the other work, over office hours
    queue_steady                             1 if the open tasks settled (models/collab/queue_stats.hpp)
    km_mean_close_hours                      time to close with dropped and open tasks censored
    mean_close_hours                         the plain mean over closed tasks (biased when censored)

and sets beside it an analytic baseline: each department desk as an M/M/c queue (Erlang C) with
c = its officials, arrivals = the official work items the run actually had per desk and office hour
(the tasks' work, rework included) plus the other work, and service at the declared mean hours.
The baseline's mean wait per desk visit, times the visits per task, is what queueing alone
explains; the rest of the agent-based close time is what the analytic model cannot see: hand-over
latencies, office hours (arrivals come 07:00-21:00, desks work 08:00-17:00), the chain's waits in
series, the rounds of mutual adjustment, and the rework the misreadings feed back into the queue.
A result whose queue did not settle is flagged "unbounded" and its means are not reported (they
depend on the run's length). Nothing is fitted.

Writes typology_queues.json and typology_queues.png to --out. --small: loads 0.5 and 1 only, 30 days.
"""
import argparse
import concurrent.futures
import json
import math
import os
import sys
import tomllib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))
import govsim_results  # noqa: E402
import govsim_runner as gr  # noqa: E402
import repro_output  # noqa: E402

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TYPES = ["I", "II", "III", "IV"]
OFFICIALS, UNITS = 200, 4


def erlang_c(c, a):
    """Probability that an arrival waits in an M/M/c queue with offered load a = lambda / mu (< c)."""
    if a >= c:
        return 1.0
    term, s = 1.0, 1.0
    for k in range(1, c):
        term *= a / k
        s += term
    term *= a / c
    top = term * c / (c - a)
    return top / (s + top)


def mmc_wait(c, lam, mean_service):
    """Mean wait in queue (hours) of an M/M/c queue; inf when saturated."""
    a = lam * mean_service
    if a >= c:
        return math.inf
    return erlang_c(c, a) * mean_service / (c - a)


def analytic(sc, s, days):
    """The M/M/c baseline for one run's department desks."""
    col = sc["collab"]
    deps = col.get("departments", 8)
    grid_share = col.get("grid_worker_share", 0.3)
    staff_mean = (OFFICIALS - math.floor(OFFICIALS * grid_share)) / UNITS / deps  # officials per desk, on average
    staff = max(1, round(staff_mean))
    office = sc.get("collab", {}).get("officials", {}).get("office_hours", 9.0)
    mean_h = col.get("work", {}).get("official_hours", 1.5)
    other_share = col.get("officials", {}).get("other_work_share", 0.5)
    other_h = col.get("officials", {}).get("other_item_hours", 1.0)
    work_items = s["admin_work_per_official_hour"] * s["task_utilisation"] * OFFICIALS * office  # per day, all desks
    lam_task = work_items / (UNITS * deps) / office          # per desk per office hour
    lam_other = other_share * staff_mean / other_h            # per desk per office hour
    lam = lam_task + lam_other
    mean_service = (lam_task * mean_h + lam_other * other_h) / lam if lam > 0 else mean_h
    rho = lam * mean_service / staff_mean
    wq_office = mmc_wait(staff, lam * staff / staff_mean, mean_service)  # the average desk, scaled to c servers
    # An office hour of waiting is 24 / office clock hours (the desk is shut the rest of the day).
    wq_clock = wq_office * 24.0 / office
    visits = s["admin_work_per_official_hour"] * s["task_utilisation"] * OFFICIALS * office / max(s["throughput"], 1e-9)
    return {"staff_per_desk": staff_mean, "utilisation": rho, "wait_per_visit_hours": wq_clock,
            "visits_per_task": visits, "queueing_hours_per_task": wq_clock * visits + visits * mean_h * 24.0 / office}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=gr.DEFAULT_GOVSIM)
    ap.add_argument("--loads", default=None, help="multiples of the scenario's load per official (default 0.25,0.5,1,2)")
    ap.add_argument("--small", action="store_true")
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    args.out = repro_output.resolve(ap, args)
    loads = [float(x) for x in (args.loads or ("0.5,1" if args.small else "0.25,0.5,1,2")).split(",")]
    end = "2021-03-30" if args.small else "2021-04-29"
    work = gr.make_workdir("govsim-queues-")
    configs = [(t, p, m) for t in TYPES for p in ("off", "on") for m in loads]
    scen = {}
    for t in TYPES:
        with open(os.path.join(gr.ROOT, "scenarios", f"typology_{t}.toml"), "rb") as f:
            scen[t] = tomllib.load(f)

    def one(cfg):
        t, p, m = cfg
        sc = scen[t]
        per_day = sc["collab"]["tasks"]["per_day"] * OFFICIALS / sc["population"]["officials"] * m
        sets = ["population.residents=20000", f"population.officials={OFFICIALS}", f"collab.units={UNITS}",
                f"collab.tasks.per_day={per_day:.4f}", f"calendar.end={end}",
                f"collab.platform.enabled={'true' if p == 'on' else 'false'}"]
        path = os.path.join(work, f"{t}-{p}-{m}.h5")
        gr.run_one(args.govsim, os.path.join(gr.ROOT, "scenarios", f"typology_{t}.toml"), path, sets, 0)
        r = govsim_results.load(path)
        os.remove(path)
        s = r.summary
        row = {"type": t, "platform": p, "load": m, "tasks_per_day": per_day, "steady": bool(s["queue_steady"] == 1),
               "open_trend_per_day": s["open_tasks_trend_per_day"]}
        for k in ("task_utilisation", "official_utilisation", "km_mean_close_hours", "mean_close_hours",
                  "share_censored", "reworks_per_task", "rounds_per_task"):
            row[k] = s[k] if row["steady"] or k.endswith("utilisation") else None
        base = analytic(sc, s, len(r.dates))
        row["mm_c"] = base
        if row["steady"] and row["km_mean_close_hours"] is not None:
            row["abm_over_queueing"] = row["km_mean_close_hours"] / base["queueing_hours_per_task"] \
                if math.isfinite(base["queueing_hours_per_task"]) else None
        return row

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        rows = list(pool.map(one, configs))
    os.rmdir(work)

    print(f"{'type':<5}{'pf':<4}{'load':>5}{'tasks/d':>9}{'task util':>10}{'all util':>9}{'M/M/c rho':>10}"
          f"{'steady':>8}{'KM h':>9}{'mean h':>9}{'M/M/c h':>9}")
    for r in rows:
        f = lambda v: f"{v:9.1f}" if isinstance(v, (int, float)) and v is not None and math.isfinite(v) else f"{'—':>9}"  # noqa: E731
        print(f"{r['type']:<5}{r['platform']:<4}{r['load']:>5g}{r['tasks_per_day']:>9.0f}{r['task_utilisation']:>10.3f}"
              f"{r['official_utilisation']:>9.3f}{r['mm_c']['utilisation']:>10.3f}"
              f"{('yes' if r['steady'] else 'NO'):>8}{f(r['km_mean_close_hours'])}{f(r['mean_close_hours'])}"
              f"{f(r['mm_c']['queueing_hours_per_task'])}")
    sat = {}
    for t in TYPES:
        for p in ("off", "on"):
            unsteady = [r["load"] for r in rows if r["type"] == t and r["platform"] == p and not r["steady"]]
            sat[f"{t}_{p}"] = min(unsteady) if unsteady else None
    print("lowest load multiple whose queue grows without bound:", json.dumps(sat))

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.8), sharey=True)
    for ax, p in zip(axes, ("off", "on")):
        for t, col in zip(TYPES, ("#264653", "#2a9d8f", "#e9c46a", "#e76f51")):
            rs = [r for r in rows if r["type"] == t and r["platform"] == p]
            x = [r["load"] for r in rs]
            ax.plot(x, [r["official_utilisation"] for r in rs], "-", color=col, label=f"type {t}")
            for r in rs:
                ax.plot(r["load"], r["official_utilisation"], "o" if r["steady"] else "x", color=col, ms=8)
        ax.axhline(1, color="k", lw=0.7)
        ax.set_xscale("log")
        ax.set_xlabel("task load (multiple of the scenario's per official)")
        ax.set_title(f"platform {p}: o settled, x queue grows without bound")
    axes[0].set_ylabel("official utilisation (tasks + other work)")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "typology_queues.png"), dpi=110)
    with open(os.path.join(args.out, "typology_queues.json"), "w", encoding="utf-8") as f:
        json.dump({"git_commit": gr.git_commit(), "loads": loads, "officials": OFFICIALS, "units": UNITS,
                   "rows": rows, "saturates_at_load": sat}, f, indent=2,
                  default=lambda o: None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
