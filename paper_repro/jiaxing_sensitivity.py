#!/usr/bin/python3
"""Sobol sensitivity of Jiaxing's post-crisis activity rate to the model's main parameters.

    /usr/bin/python3 paper_repro/jiaxing_sensitivity.py            # full: runs the sweep (~10 min, 2 cores)
    /usr/bin/python3 paper_repro/jiaxing_sensitivity.py --reuse    # re-analyse the last sweep file
    /usr/bin/python3 paper_repro/jiaxing_sensitivity.py --small --out /tmp/x   # seconds: a smoke test

The sweep is scenarios/sweeps/jiaxing_sobol.toml: a Saltelli design over six parameters of the
Jiaxing model (ranges and their justification in that file), run by `govsim sweep`. The output is
the monthly active rate in May 2020 (`rate_active_monthly[2020-05]`, the seed's post-crisis 30 %),
and, as a check, `activity_post` (mean monthly rate from May to December 2020). For each: first
order S1 (Saltelli 2010) and total ST (Jansen 1999) Sobol indices with 95 % bootstrap intervals
over the base samples, radial Morris effects (mu*, sigma) from the same runs, and the share of
variance that is replicate noise (docs/sensitivity_analysis.md).

Writes jiaxing_sensitivity.png and jiaxing_sensitivity.json to --out (default $TMPDIR/govsim-repro,
outside the tree; --refresh-committed writes the committed paper_repro/output/) and
prints the table. --small runs the same sweep with N = 4 base samples, 1 replicate and 2 000
residents (statistically meaningless; it checks that the pipeline works end to end). The sweep
result itself (HDF5) is kept as jiaxing_sensitivity_sweep.h5 in --out for --reuse.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "analysis"))
import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import plot_sweep  # noqa: E402
import repro_output  # noqa: E402
import sensitivity  # noqa: E402
import sweep_runner  # noqa: E402
import sweep_results  # noqa: E402
import targets  # noqa: E402

SWEEP_FILE = os.path.join(ROOT, "scenarios", "sweeps", "jiaxing_sobol.toml")
MAIN_OUTPUT = "rate_active_monthly[2020-05]"
CHECK_OUTPUT = "activity_post"
PUBLISHED_MAY = targets.load("jiaxing")["activity_rate_2020_05"]["value"]  # seed 000, paper_repro/targets/jiaxing.toml
# --small: a sweep that runs in seconds (tiny N and population, one replicate).
SMALL = {"samples": "4", "replicates": "1", "population.residents": "2000",
         "population.officials": "4", "population.firms": "20"}


def figure(sweep, main, path):
    fig, axes = plt.subplots(1, 3, figsize=(16, 4.6))
    plot_sweep.plot_sobol(axes[0], main)
    plot_sweep.plot_morris(axes[1], main)
    top = int(np.argmax(main["sobol"]["ST"]))
    plot_sweep.plot_vs_parameter(axes[2], sweep, sweep.parameters[top], MAIN_OUTPUT, band="minmax")
    axes[2].axhline(PUBLISHED_MAY, color="k", ls="--", lw=0.8, label="published, May 2020")
    axes[2].legend(fontsize=8)
    axes[2].set_title("May 2020 rate against the most influential parameter", fontsize=9)
    noise = main["replicate_noise"]
    fig.suptitle("Jiaxing: what drives the post-crisis activity rate (monthly active rate, May 2020)\n"
                 f"Saltelli design, N = {main['base_samples']} base samples, {main['points']} points x "
                 f"{main['replicates']} replicate(s) ({main['seed_mode']} seeds), "
                 f"{sweep.num_runs} runs; replicate noise: "
                 + (f"{100 * noise['share_means']:.1f} % of the variance of the replicate means"
                    if noise else "not estimable"), fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def slim(result):
    """The result without the per-sample elementary effects (kept small for the committed JSON)."""
    out = dict(result)
    out["morris"] = {k: v for k, v in result["morris"].items() if k != "effects"}
    return out


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--govsim", default=sweep_runner.find_govsim())
    ap.add_argument("--sweep-file", default=SWEEP_FILE)
    repro_output.add_arguments(ap)
    ap.add_argument("--threads", type=int, default=2, help="runs in parallel (2)")
    ap.add_argument("--reuse", action="store_true", help="analyse the sweep file already in --out")
    ap.add_argument("--small", action="store_true", help="tiny N and population: a smoke test")
    ap.add_argument("--resamples", type=int, default=2000, help="bootstrap resamples (2000)")
    args = ap.parse_args(argv[1:])
    args.out = repro_output.resolve(ap, args)
    h5 = os.path.join(args.out, "jiaxing_sensitivity_sweep" + ("_small" if args.small else "") + ".h5")
    wall = None
    if not (args.reuse and os.path.exists(h5)):
        wall = sweep_runner.run_sweep(args.govsim, args.sweep_file, h5, args.threads, SMALL if args.small else None)
    sweep = sweep_results.load_sweep(h5)
    resamples = 256 if args.small else args.resamples  # not 200: a published figure (seed 004)
    main_r = sensitivity.analyse_sweep(sweep, MAIN_OUTPUT, resamples=resamples)
    check_r = sensitivity.analyse_sweep(sweep, CHECK_OUTPUT, resamples=resamples)
    print(f"{sweep.num_runs} runs of {sweep.provenance.get('sweep_path', args.sweep_file)}"
          + (f" in {wall:.0f} s" if wall is not None else " (reused)"))
    print(sensitivity.format_table(main_r))
    print(sensitivity.format_table(check_r))
    may = sweep.column(MAIN_OUTPUT)
    print(f"May 2020 rate over the design: mean {may.mean():.3f}, 5-95 % "
          f"{np.percentile(may, 5):.3f}-{np.percentile(may, 95):.3f} (published {PUBLISHED_MAY})")
    png = os.path.join(args.out, "jiaxing_sensitivity.png")
    js = os.path.join(args.out, "jiaxing_sensitivity.json")
    figure(sweep, main_r, png)
    record = {"sweep_file": os.path.relpath(args.sweep_file, ROOT), "small": args.small,
              "runs": sweep.num_runs, "wall_time_s": wall,
              "sweep_wall_time_s": sweep.provenance.get("wall_time_s"),
              "govsim_version": sweep.attrs.get("govsim_version"),
              "git_commit": sweep.attrs.get("git_commit"),
              "published_may_2020": PUBLISHED_MAY,
              "may_2020_rate": {"mean": float(may.mean()), "p5": float(np.percentile(may, 5)),
                                "p95": float(np.percentile(may, 95))},
              "main": slim(main_r), "check": slim(check_r)}
    for r in (record["main"], record["check"]):
        r["sweep"] = os.path.relpath(r["sweep"], ROOT) if not args.small else r["sweep"]
    with open(js, "w") as fh:
        json.dump(sensitivity.json_safe(record), fh, indent=1, allow_nan=False)
    print(f"wrote {png} and {js}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
