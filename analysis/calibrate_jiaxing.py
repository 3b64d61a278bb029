#!/usr/bin/python3
"""Calibrate the Jiaxing scenario to the published participation figures (seed 000).

    /usr/bin/python3 analysis/calibrate_jiaxing.py [--scale 0.02] [--replicates 4] [--write]

Objective. Six residuals, each in units of its tolerance:
    (simulated - published) / 0.02  for the monthly active rate of Nov 2019, Feb, Mar, May 2020
    (simulated / published - 1) / 0.10  for registered adults at the end of 2020 (1.74 million of 4.5)
    ln(simulated / published) / ln 2  for registered volunteers at the end of the emergency (> 8 000;
        scaled to the run's population). Volunteers are fitted because they drive post-crisis
        activity (volunteers serve most days); the other crisis volumes (masks, consultations,
        counselling) are not fitted and are compared out of sample by paper_repro.
The simulated value is the mean over `--replicates` replicates (run.index 0..R-1). The same
replicate indices are used at every evaluation (common random numbers), so the objective is a
deterministic, piecewise-smooth function of the parameters.

Search. Six parameters, each the main lever of one residual (see docs/jiaxing_model.md):
    jiaxing.needs.everyday_rate              (log)    -> Nov 2019
    jiaxing.needs.crisis_rate                (log)    -> Feb 2020
    jiaxing.needs.offline_rebound            (logit)  -> Mar 2020
    jiaxing.coproduction.council_participation (log)  -> May 2020
    jiaxing.registration.push_crisis         (log)    -> registered users end 2020
    jiaxing.coproduction.volunteer_signup    (log)    -> registered volunteers at the end of the emergency
Trust-region least squares (scipy.optimize.least_squares, method "trf") in the transformed
coordinates, with forward finite differences (relative step 0.05), starting from the values in
the scenario file. Every other parameter keeps its declared value (an assumption, documented).

Output. The fit, the residuals, and the sensitivity matrix (change of each target, in
percentage points or percent, for a +10 % change of each parameter) are printed and written to
scenarios/jiaxing_weijiayuan.calibration.json. With --write, the calibrated values replace the
block between "# BEGIN CALIBRATED" and "# END CALIBRATED" in the Jiaxing scenario files, with a
header saying how, when, from which commit and with what objective they were obtained.
"""
import argparse
import math
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibration as cal  # noqa: E402
import jiaxing_common as jc  # noqa: E402

PARAMS = [
    # (key, transform)
    ("jiaxing.needs.everyday_rate", "log"),
    ("jiaxing.needs.crisis_rate", "log"),
    ("jiaxing.needs.offline_rebound", "logit"),
    ("jiaxing.coproduction.council_participation", "log"),
    ("jiaxing.registration.push_crisis", "log"),
    ("jiaxing.coproduction.volunteer_signup", "log"),
]
SCENARIO_FILES = [jc.SCENARIO, os.path.join(jc.ROOT, "scenarios", "jiaxing_weijiayuan_tenth.toml")]
RECORD = os.path.join(jc.ROOT, "scenarios", "jiaxing_weijiayuan.calibration.json")


def residuals_of(mean):
    r = [(mean[m] - t) / jc.ACTIVITY_TOLERANCE for m, t in jc.ACTIVITY_TARGETS.items()]
    reg_target = jc.REGISTERED_END / jc.ADULTS
    r.append((mean["registered_end_share"] / reg_target - 1) / jc.REGISTERED_TOLERANCE)
    r.append(math.log(max(mean["volunteers_share"], 1e-12) / (jc.VOLUNTEERS / jc.ADULTS)) / math.log(2))
    return np.array(r)


def sensitivity(objective, values):
    """Change of each target for a +10 % change of each parameter (others at the fit)."""
    base = objective.simulate(values)
    rows = []
    for i, (key, _) in enumerate(PARAMS):
        m = objective.simulate(cal.bumped(PARAMS, values, i))
        row = {f"rate {month} (pp)": 100 * (m[month] - base[month]) for month in jc.ACTIVITY_TARGETS}
        row["registered end (%)"] = 100 * (m["registered_end_share"] / base["registered_end_share"] - 1)
        row["volunteers (%)"] = 100 * (m["volunteers_share"] / max(base["volunteers_share"], 1e-12) - 1)
        rows.append({"parameter": key, **row})
    return rows


def write_block(values, record):
    lines = ["# BEGIN CALIBRATED — written by analysis/calibrate_jiaxing.py; do not edit by hand.",
             f"# {record['date']}, commit {record['git_commit']}: {record['command']}",
             f"# scale {record['scale']} ({record['residents']} residents), {record['replicates']} replicates, "
             f"{record['evaluations']} evaluations, cost {record['cost']:.4f}",
             "# residuals in tolerance units (Nov, Feb, Mar, May, registered, volunteers): " +
             ", ".join(f"{r:+.2f}" for r in record["residuals"]),
             "# full record: scenarios/jiaxing_weijiayuan.calibration.json"]
    by_section = {}
    for (key, _), v in zip(PARAMS, values):
        section, name = key.rsplit(".", 1)
        by_section.setdefault(section, []).append(f"{name} = {v:.6g}")
    for section, entries in by_section.items():
        lines.append(f"[{section}]")
        lines += entries
    lines.append("# END CALIBRATED")
    block = "\n".join(lines)
    for path in SCENARIO_FILES:
        if not os.path.exists(path):
            continue
        text = open(path, encoding="utf-8").read()
        new, n = re.subn(r"# BEGIN CALIBRATED.*?# END CALIBRATED", lambda _: block, text, flags=re.S)
        if n != 1:
            raise SystemExit(f"calibrate: {path} has no single BEGIN/END CALIBRATED block")
        cal.write_text(path, new)
        print(f"calibrate: wrote calibrated values into {os.path.relpath(path, jc.ROOT)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=0.02, help="fraction of Jiaxing's population (default 0.02)")
    cal.add_common_arguments(ap, replicates=4)
    args = ap.parse_args()
    cal.check_binary(args.govsim)

    start = cal.resolved_values(args.govsim, jc.SCENARIO, [k for k, _ in PARAMS])
    obj = cal.ReplicateObjective(args, PARAMS, jc.SCENARIO, jc.population_sets(args.scale), jc.observables,
                                 residuals_of, "govsim-jiaxing-")
    fit, values, mean, res, sens = cal.search(obj, PARAMS, start, args.max_evaluations, sensitivity)

    record = {
        **cal.provenance("calibrate_jiaxing.py"),
        "scale": args.scale,
        "residents": int(jc.population_sets(args.scale)[0].split("=")[1]),
        "replicates": args.replicates,
        "evaluations": obj.evaluations,
        "method": cal.METHOD,
        "objective": "sum of squared residuals in tolerance units: 4 monthly active rates (2 pp), registered "
                     "users end 2020 (10 %), volunteers at the end of the emergency (factor 2)",
        "start": dict(zip([k for k, _ in PARAMS], start)),
        "fit": dict(zip([k for k, _ in PARAMS], values)),
        "simulated": mean,
        "targets": {**jc.ACTIVITY_TARGETS, "registered_end_share": jc.REGISTERED_END / jc.ADULTS,
                    "volunteers_share": jc.VOLUNTEERS / jc.ADULTS},
        "residuals": [float(r) for r in res],
        "cost": float(0.5 * res @ res),
        "sensitivity_plus_10_percent": sens,
        "status": fit.message,
    }
    print(f"\ncalibrate: {fit.message} after {obj.evaluations} evaluations; cost {record['cost']:.4f}")
    print(f"{'target':<22}{'published':>10}{'simulated':>11}{'residual/tol':>14}")
    for (m, t), r in zip(jc.ACTIVITY_TARGETS.items(), res):
        print(f"{'active rate ' + m:<22}{100 * t:>9.1f}%{100 * mean[m]:>10.2f}%{r:>14.2f}")
    reg = jc.REGISTERED_END / jc.ADULTS
    print(f"{'registered end 2020':<22}{100 * reg:>9.1f}%{100 * mean['registered_end_share']:>10.2f}%{res[-2]:>14.2f}")
    vol = jc.VOLUNTEERS / jc.ADULTS
    print(f"{'volunteers (per adult)':<22}{100 * vol:>9.3f}%{100 * mean['volunteers_share']:>10.3f}%{res[-1]:>14.2f}")
    print("\nsensitivity: change of each target for +10 % of one parameter")
    cols = list(sens[0].keys())[1:]
    print(f"{'parameter':<44}" + "".join(f"{c:>20}" for c in cols))
    for row in sens:
        print(f"{row['parameter']:<44}" + "".join(f"{row[c]:>20.2f}" for c in cols))
    cal.write_json(RECORD, record)
    if args.write:
        write_block(values, record)
    return 0 if all(abs(r) <= 1 for r in res) else 1


if __name__ == "__main__":
    sys.exit(main())
