#!/usr/bin/python3
"""The referee's experiments of issue 15, re-run on the model whose services come from decisions.

    /usr/bin/python3 paper_repro/jiaxing_referee.py [--scale 0.01] [--replicates 3] [--jobs 2] [--refresh-committed]
    /usr/bin/python3 paper_repro/jiaxing_referee.py --small     # seconds: a smoke test, its numbers mean nothing

Before issue 15 the scenario's dates drew the Jiaxing curve. A review measured (1/10 scale):
councils from 15 Jun instead of 15 Apr took May from 29.9 % to 5.8 %; crisis services kept to
30 Apr put March at 10.8 %; everyday services live from Oct 2019 removed the crash (March 36.9 %).
Now no service has a date: public entrepreneurs launch crisis services when needs go unmet, retire
them when the gap closes, convert them after a stated delay and build the after-crisis services
once residents have brought enough of the need each serves to the platform
(`platform.develop_evidence`; models/jiaxing/service_decisions.hpp). The only dates are the sourced response levels
(`[[crisis.phases]]`). This script runs, on the shipped scenario at `--scale` of Jiaxing with
`--replicates` seeds (common random numbers across experiments):

  baseline            as shipped;
  crisis +30 days     every response level moved 30 days later (a crisis a month later): the
                      services must follow, and the curve's rise, crash and rebound with them;
  level 1 to 30 Apr   the level-1 response lasts until 30 Apr (levels 2 and 3 after it): the
                      referee's "crisis services kept until 30 Apr", now as a policy event that
                      the services answer to;
  evidence x2.66      the demand entrepreneurs wait for before building the after-crisis
                      services (`platform.develop_evidence`, an assumption with a prior) times
                      2.66: the relative change of the referee's "councils 61 days later" when
                      the after-crisis services came a fixed delay (develop_days, 36.8 days as
                      shipped until issue 15 point 2) after the crisis;
  evidence 10 / 100   develop_evidence at the bounds of its prior (10 and 100 needs per 1,000);
  crisis push x0.5    half the grid workers' crisis registration drive (`push_crisis`): fewer
                      users bring fewer needs to the platform, so the everyday services come later;
  retire after 30 d   entrepreneurs retire a crisis service only after 30 quiet days (3 shipped);
  everyday at start   the converted and after-crisis services live from the launch (catalogue
                      edited to launch = "at_start"): the referee's "everyday services from
                      Oct 2019".

For each: the monthly active rate in Nov 2019 and Feb, Mar, Apr, May, Dec 2020 (mean and range over
replicates), the first day the crisis services were offered and the day the after-crisis services
went live (from the `city_offers_service` series). Writes jiaxing_referee.json to --out (default
$TMPDIR/govsim-repro, outside the tree; --refresh-committed: paper_repro/output/) and prints a
markdown table. --small: 4,500 residents, one replicate.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))
import govsim_results  # noqa: E402
import govsim_runner as gr  # noqa: E402
import jiaxing_common as jc  # noqa: E402
import repro_output  # noqa: E402

SCENARIO = os.path.join(jc.ROOT, "scenarios", "jiaxing_weijiayuan_tenth.toml")
MONTHS = ["2019-11", "2020-02", "2020-03", "2020-04", "2020-05", "2020-12"]
CRISIS_SERVICES = ["mask aid", "neighbourly mutual aid", "service consultation", "psychological counselling"]
AFTER_CRISIS = ["residents' council", "home repair booking"]


def shift_phases(text, days):
    """Every start/end inside [[crisis.phases]] moved by `days`."""
    out, phase, moved = [], False, 0
    for line in text.splitlines():
        if line.startswith("[["):
            phase = line.startswith("[[crisis.phases]]")
        m = re.match(r"^(start|end)(\s*=\s*)(\d{4}-\d{2}-\d{2})(.*)$", line)
        if phase and m:
            d = datetime.date.fromisoformat(m.group(3)) + datetime.timedelta(days=days)
            line = f"{m.group(1)}{m.group(2)}{d.isoformat()}{m.group(4)}"
            moved += 1
        out.append(line)
    if moved < 6:
        raise SystemExit(f"jiaxing_referee: expected the three response levels in {SCENARIO}, moved {moved} dates")
    return "\n".join(out) + "\n"


def level1_until(text, end):
    """Level 1 until `end`; then level 2 for 21 days and level 3 for 38 days, as long as shipped."""
    e = datetime.date.fromisoformat(end)
    day = datetime.timedelta(days=1)
    wanted = [(None, e), (e + day, e + 21 * day), (e + 22 * day, e + 59 * day)]  # (start, end) per phase
    out, phase, k = [], False, -1
    for line in text.splitlines():
        if line.startswith("[["):
            phase = line.startswith("[[crisis.phases]]")
            k += phase
        m = re.match(r"^(start|end)(\s*=\s*)(\d{4}-\d{2}-\d{2})(.*)$", line)
        if phase and m and 0 <= k < len(wanted):
            new = wanted[k][0 if m.group(1) == "start" else 1]
            if new is not None:
                line = f"{m.group(1)}{m.group(2)}{new.isoformat()}{m.group(4)}"
        out.append(line)
    if k != 2:
        raise SystemExit(f"jiaxing_referee: expected three response levels in {SCENARIO}, found {k + 1}")
    return "\n".join(out) + "\n"


def everyday_at_start(text):
    n = len(re.findall(r'^launch = "(conversion|after_crisis)"', text, re.M))
    if n == 0:
        raise SystemExit("jiaxing_referee: the catalogue has no conversion or after_crisis services")
    # Block by block: a service launched at start converts from nothing and needs no demand (responds_to).
    blocks = text.split("[[jiaxing.services]]")
    for i in range(1, len(blocks)):
        if re.search(r'^launch = "(conversion|after_crisis)"', blocks[i], re.M):
            b = re.sub(r'^launch = "(conversion|after_crisis)"', 'launch = "at_start"', blocks[i], flags=re.M)
            blocks[i] = re.sub(r'^(converts_from|responds_to)\s*=.*$', "", b, flags=re.M)
    return "[[jiaxing.services]]".join(blocks)


EXPERIMENTS = [
    ("baseline", lambda t: t, []),
    ("crisis +30 days", lambda t: shift_phases(t, 30), []),
    ("level 1 to 30 Apr", lambda t: level1_until(t, "2020-04-30"), []),
    ("evidence x2.66", lambda t: t, ["develop_evidence*2.66"]),
    ("evidence 10 (prior low)", lambda t: t, ["jiaxing.platform.develop_evidence=10"]),
    ("evidence 100 (prior high)", lambda t: t, ["jiaxing.platform.develop_evidence=100"]),
    ("crisis push x0.5", lambda t: t, ["push_crisis*0.5"]),
    ("retire after 30 d", lambda t: t, ["jiaxing.platform.retire_days=30"]),
    ("everyday at start", everyday_at_start, []),
]


def first_live(result, names):
    s = result.daily["city_offers_service"]
    groups = result.groups("city_offers_service")
    days = []
    for name in names:
        if name not in groups:
            continue
        col = np.asarray(s)[:, groups.index(name)]
        on = np.nonzero(col > 0)[0]
        days.append(int(on[0]) if len(on) else None)
    return days


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=0.01)
    ap.add_argument("--replicates", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--small", action="store_true", help="4,500 residents, 1 replicate (smoke test)")
    ap.add_argument("--govsim", default=jc.DEFAULT_GOVSIM)
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    out_dir = repro_output.resolve(ap, args)
    if args.small:
        args.scale, args.replicates = 0.001, 1
    OUT = os.path.join(out_dir, "jiaxing_referee.json")
    base_text = open(SCENARIO, encoding="utf-8").read()
    def shipped(key, section):  # a value of the scenario's calibrated block
        m = re.search(rf"^{key}\s*=\s*([0-9.eE+-]+)", base_text, re.M)
        if not m:
            raise SystemExit(f"jiaxing_referee: {SCENARIO}: no `{key} = ...` (expected in [{section}])")
        return float(m.group(1))
    scaled = {"develop_evidence": ("jiaxing.platform.develop_evidence", shipped("develop_evidence", "jiaxing.platform")),
              "push_crisis": ("jiaxing.registration.push_crisis", shipped("push_crisis", "jiaxing.registration"))}

    def resolve(s):  # "KEY*FACTOR": the shipped value of KEY times FACTOR
        if "*" not in s:
            return s
        key, factor = s.split("*")
        name, value = scaled[key]
        return f"{name}={value * float(factor):.6g}"
    work = gr.make_workdir("govsim-jiaxing-referee-")
    start = datetime.date(2019, 9, 1)

    def run(exp_index, rep):
        sets = EXPERIMENTS[exp_index][2]
        path = os.path.join(work, f"e{exp_index}.toml")  # written below, before the parallel runs
        sets = [resolve(s) for s in sets]
        out = os.path.join(work, f"e{exp_index}-{rep}.h5")
        gr.run_one(args.govsim, path, out, jc.population_sets(args.scale) + sets, rep, threads=1)
        r = govsim_results.load(out)
        os.remove(out)
        rates = {m: float(r.monthly["rate_active_monthly"][r.months.index(m)]) for m in MONTHS}
        return {"rates": rates, "crisis_first": first_live(r, CRISIS_SERVICES), "after_first": first_live(r, AFTER_CRISIS)}

    for i in range(len(EXPERIMENTS)):  # write the edited scenarios before the parallel runs
        with open(os.path.join(work, f"e{i}.toml"), "w", encoding="utf-8") as f:
            f.write(EXPERIMENTS[i][1](base_text))
    jobs = [(i, k) for i in range(len(EXPERIMENTS)) for k in range(args.replicates)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda a: run(*a), jobs))
    table = []
    for i, (label, _, _) in enumerate(EXPERIMENTS):
        reps = [r for (e, _), r in zip(jobs, results) if e == i]
        row = {"experiment": label}
        for m in MONTHS:
            v = np.array([r["rates"][m] for r in reps])
            row[m] = {"mean": float(v.mean()), "min": float(v.min()), "max": float(v.max())}

        def day(key):
            vals = [d for r in reps for d in r[key] if d is not None]
            if not vals:
                return None
            return (start + datetime.timedelta(days=int(np.median(vals)))).isoformat()
        row["crisis_services_first_offered"] = day("crisis_first")
        row["after_crisis_services_live"] = day("after_first")
        table.append(row)
    record = {"script": "paper_repro/jiaxing_referee.py", "commit": gr.git_commit(), "scale": args.scale,
              "replicates": args.replicates, "population": jc.population_sets(args.scale), "experiments": table}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(record, f, indent=1)
    print("| experiment | " + " | ".join(MONTHS) + " | crisis services first offered (median) | after-crisis services live |")
    print("|---" * (len(MONTHS) + 3) + "|")
    for row in table:
        cells = [f"{100 * row[m]['mean']:.1f} ({100 * row[m]['min']:.1f}–{100 * row[m]['max']:.1f})" for m in MONTHS]
        print(f"| {row['experiment']} | " + " | ".join(cells) +
              f" | {row['crisis_services_first_offered']} | {row['after_crisis_services_live']} |")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
