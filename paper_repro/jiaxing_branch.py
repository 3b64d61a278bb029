#!/usr/bin/python3
"""A branched counterfactual on the Jiaxing model: accountability switched off from 3 March 2020.

    /usr/bin/python3 paper_repro/jiaxing_branch.py [--small] [--out DIR] [--refresh-committed]

What it does (with build/govsim; build it first, see README):
 1. Runs the calibrated 1/10-scale scenario (scenarios/jiaxing_weijiayuan_tenth.toml) once, with a
    checkpoint at the end of 2 March 2020 (`govsim run --checkpoint`, docs/checkpoints.md).
 2. Branches that checkpoint twice (`govsim branch`): unchanged, which must give the base run's
    results exactly (`govsim diff`), and with jiaxing.conditions.accountability = 0 from
    3 March 2020 on.
 3. Draws the monthly active rate of the base run and of the counterfactual, with the published
    points of seed 000 (paper_repro/targets/jiaxing.toml) and the branch day marked, and reports
    the time of the full run against the time of the branch (the past that was not replayed).
Writes jiaxing_branch.png and jiaxing_branch.json to --out (default outside the source tree,
$TMPDIR/govsim-repro). Exits 1 if the unchanged branch is not identical to the base run.
--small: 20 000 residents instead of 450 000 (a smoke test, a few seconds).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "analysis"))

import govsim_results  # noqa: E402
import jiaxing_common as jc  # noqa: E402
import repro_output  # noqa: E402

SCENARIO = os.path.join(jc.ROOT, "scenarios", "jiaxing_weijiayuan_tenth.toml")
CHECKPOINT_DAY = "2020-03-02"  # the branch changes apply from the next day, 2020-03-03
CHANGE = "jiaxing.conditions.accountability=0"
SMALL = ["--set", "population.residents=20000", "--set", "population.officials=40", "--set", "population.firms=200"]


def govsim(binary, args):
    """Runs govsim, returns its wall time in seconds; stops the script with govsim's message on failure."""
    t0 = time.perf_counter()
    r = subprocess.run([binary] + args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"jiaxing_branch.py: govsim {args[0]} failed: {r.stderr.strip() or r.stdout.strip()}")
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=jc.DEFAULT_GOVSIM)
    ap.add_argument("--small", action="store_true", help="20 000 residents: a smoke test")
    repro_output.add_arguments(ap)
    args = ap.parse_args()
    out = repro_output.resolve(ap, args)
    work = jc.make_workdir()
    base, ck = os.path.join(work, "base.h5"), os.path.join(work, "ck.h5")
    same, cf = os.path.join(work, "same.h5"), os.path.join(work, "counterfactual.h5")
    sets = SMALL if args.small else []

    t_full = govsim(args.govsim, ["run", SCENARIO, "-o", base, "-q", "--checkpoint", ck, "--checkpoint-at", CHECKPOINT_DAY] + sets)
    t_same = govsim(args.govsim, ["branch", ck, "-o", same, "-q"])
    t_cf = govsim(args.govsim, ["branch", ck, "-o", cf, "-q", "--set", CHANGE])
    identical = subprocess.run([args.govsim, "diff", base, same], capture_output=True).returncode == 0

    b, c = govsim_results.load(base), govsim_results.load(cf)
    months = b.months
    rate_b, rate_c = b.monthly["rate_active_monthly"], c.monthly["rate_active_monthly"]

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(9, 4.8))
    x = np.arange(len(months))
    ax.plot(x, 100 * rate_b, color="C0", lw=2.2, label="calibrated (base run)")
    ax.plot(x, 100 * rate_c, color="C3", lw=1.8, ls="--", label="branch: accountability off from 2020-03-03")
    for i, (m, pub) in enumerate(jc.ACTIVITY_TARGETS.items()):
        ax.errorbar([months.index(m)], [100 * pub], yerr=[[100 * jc.ACTIVITY_TOLERANCE]], fmt="s", color="k", ms=6,
                    capsize=4, label=f"published (seed 000) ± {100 * jc.ACTIVITY_TOLERANCE:.0f} pp" if i == 0 else None)
    ax.axvspan(months.index("2020-01") + 22 / 31, months.index("2020-03") + 2 / 31, color="0.85", zorder=0,
               label="level-1 emergency")
    ax.axvline(months.index("2020-03") + 2 / 31, color="C3", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(months, rotation=60, fontsize=8)
    ax.set_ylabel("monthly active rate (% of registered users)")
    ax.set_title("Jiaxing Weijiayuan, 1/10 scale" + (" (--small smoke test)" if args.small else "")
                 + ": a counterfactual branched from a checkpoint")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(os.path.join(out, "jiaxing_branch.png"), dpi=130)

    report = {"scenario": os.path.relpath(SCENARIO, jc.ROOT), "small": bool(args.small),
              "checkpoint_day": CHECKPOINT_DAY, "change": CHANGE,
              "unchanged_branch_identical": identical,
              "seconds": {"full_run_with_checkpoint": t_full, "branch_unchanged": t_same, "branch_counterfactual": t_cf},
              "checkpoint_mb": os.path.getsize(ck) / 1e6,
              "months": months, "rate_base": rate_b.tolist(), "rate_counterfactual": rate_c.tolist()}
    with open(os.path.join(out, "jiaxing_branch.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(f"full run {t_full:.1f} s, branch {t_cf:.1f} s; unchanged branch identical: {identical}")
    for m in ("2020-03", "2020-05", "2020-12"):
        i = months.index(m)
        print(f"{m}: base {100 * rate_b[i]:.1f} %, accountability off {100 * rate_c[i]:.1f} %")
    print(f"wrote {os.path.join(out, 'jiaxing_branch.png')}")
    shutil.rmtree(work, ignore_errors=True)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
