#!/usr/bin/python3
"""How much Jiaxing's hand-set parameters move the held-out predictions (issue 12).

    /usr/bin/python3 paper_repro/jiaxing_heldout_sensitivity.py                 # 1/10 scale, 3 replicates
    /usr/bin/python3 paper_repro/jiaxing_heldout_sensitivity.py --small         # seconds: a smoke test

The calibration (paper_repro/calibrations/jiaxing.toml) leaves some parameters at hand-set values:
`jiaxing.coproduction.critical_mass_share`, `jiaxing.coproduction.no_incentive_factor` and the
rule by which public entrepreneurs launch, retire and convert services (`jiaxing.platform.*`:
the services have no dates, models/jiaxing/service_decisions.hpp). This script halves and doubles
critical_mass_share and each of the rule's parameters one at a time (no_incentive_factor acts only
with the incentives switched off, so it cannot move these predictions) on the 1/10-scale scenario (scenarios/jiaxing_weijiayuan_tenth.toml),
runs a few replicates of each and reports, for every target the calibration holds out, the mean of
the replicates and its change from the baseline. The held-out ids and the published values are read
from the calibration file and paper_repro/targets/jiaxing.toml (never written here).

Writes jiaxing_heldout_sensitivity.json to --out (default $TMPDIR/govsim-repro, outside the tree)
and prints the table (docs/jiaxing_model.md, "Sensitivity of held-out predictions", quotes it).
--small runs 4,500 residents and one replicate: it checks the pipeline, its numbers mean nothing.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))
import numpy as np  # noqa: E402

import govsim_runner  # noqa: E402
import repro_output  # noqa: E402
import targets  # noqa: E402

SCENARIO = os.path.join(ROOT, "scenarios", "jiaxing_weijiayuan_tenth.toml")
CALIBRATION = os.path.join(HERE, "calibrations", "jiaxing.toml")
SMALL_RESIDENTS = 4500

# One-at-a-time changes: (label, --set overrides). Each varied parameter is halved and doubled
# (integers rounded, at least 1 day where 0 would switch the rule off).
CMS = "jiaxing.coproduction.critical_mass_share"
VARIED = [CMS, "jiaxing.trust.contagion", "jiaxing.platform.launch_gap", "jiaxing.platform.build_days", "jiaxing.platform.retire_share",
          "jiaxing.platform.retire_days", "jiaxing.platform.convert_days", "jiaxing.platform.develop_evidence",
          "jiaxing.trust.lapse_rate"]
INTEGER = {"jiaxing.platform.build_days", "jiaxing.platform.retire_days", "jiaxing.platform.convert_days"}


def variations(defaults):
    # jiaxing.incentives.* (which replaced no_incentive_factor) are not varied here: at the
    # calibrated incentive level 1 they cancel out of every rule (models/jiaxing/conditions.hpp);
    # paper_repro/jiaxing_conditions.py screens them together with the levels.
    out = [("baseline", [])]
    for name in VARIED:
        for factor in (0.5, 2.0):
            v = defaults[name] * factor
            v = max(1, round(v)) if name in INTEGER else v
            out.append((f"{name.split('.')[-1]} x{factor:g} ({v:g})", [f"{name}={v}"]))
    return out


def param_defaults(govsim):
    """The values the baseline runs with: the tenth scenario's where it sets a varied parameter (its
    calibrated block sets develop_evidence and lapse_rate), the declared default otherwise."""
    import subprocess
    text = subprocess.run([govsim, "params", "--markdown"], capture_output=True, text=True, check=True).stdout
    with open(SCENARIO, "rb") as f:
        scenario = tomllib.load(f)
    out = {}
    for name in VARIED:
        node = scenario
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, (int, float)) and not isinstance(node, bool):
            out[name] = float(node)
            continue
        row = next(line for line in text.splitlines() if f"`{name}`" in line)
        out[name] = float(row.split("|")[3].strip().strip("`"))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--govsim", default=govsim_runner.DEFAULT_GOVSIM)
    ap.add_argument("--replicates", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="concurrent runs")
    ap.add_argument("--small", action="store_true", help=f"{SMALL_RESIDENTS} residents, 1 replicate (smoke test)")
    repro_output.add_arguments(ap)
    args = ap.parse_args(argv)
    out_dir = repro_output.resolve(ap, args)
    reps = 1 if args.small else args.replicates

    with open(CALIBRATION, "rb") as f:
        cal = tomllib.load(f)["calibration"]
    holdout = [t["id"] for t in cal["target"] if t["use"] == "holdout"]
    tg = targets.load("jiaxing")
    defaults = param_defaults(args.govsim)
    work = tempfile.mkdtemp(prefix="govsim-heldout-")
    sets = [f"population.residents={SMALL_RESIDENTS}"] if args.small else []
    rows = []
    t0 = time.time()
    for label, over in variations(defaults):
        results = govsim_runner.run_replicates(args.govsim, SCENARIO, sets + over, reps, work, "v", jobs=args.jobs)
        vals = {i: [targets.simulated(tg.by_id[i], r, tg.population_reference) for r in results] for i in holdout}
        rows.append({"variation": label, "sets": over,
                     "mean": {i: float(np.mean(v)) for i, v in vals.items()},
                     "sd": {i: float(np.std(v, ddof=1)) if len(v) > 1 else None for i, v in vals.items()}})
        print(f"  {label}: done ({time.time() - t0:.0f} s)", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    base = rows[0]["mean"]
    for r in rows:
        r["change"] = {i: r["mean"][i] - base[i] for i in holdout}

    print(f"Held-out predictions (mean of {reps} replicate(s); change from baseline), "
          f"{'small' if args.small else '1/10 scale'}:")
    print("| variation | " + " | ".join(holdout) + " |")
    print("|---|" + "---|" * len(holdout))
    print("| published | " + " | ".join(targets.published_text(tg.by_id[i]) for i in holdout) + " |")
    for r in rows:
        cells = []
        for i in holdout:
            v, d = r["mean"][i], r["change"][i]
            cells.append(f"{v:.3g}" if r is rows[0] else f"{v:.3g} ({d:+.2g})")
        print(f"| {r['variation']} | " + " | ".join(cells) + " |")
    if reps > 1:
        print("| replicate sd (baseline) | " + " | ".join(f"{rows[0]['sd'][i]:.2g}" for i in holdout) + " |")
    path = os.path.join(out_dir, "jiaxing_heldout_sensitivity.json")
    with open(path, "w") as f:
        json.dump({"scenario": os.path.relpath(SCENARIO, ROOT), "small": args.small, "replicates": reps,
                   "defaults": defaults, "holdout": holdout, "rows": rows,
                   "published": {i: tg.by_id[i]["value"] for i in holdout},
                   "wall_time_s": time.time() - t0, "git_commit": govsim_runner.git_commit()}, f, indent=1)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
