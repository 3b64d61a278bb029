#!/usr/bin/python3
"""The posterior predictive of a calibration, drawn into the paper_repro figures (issue 12).

    import posterior_band
    posterior_band.add_argument(ap)                      # --posterior POST.h5
    pp = posterior_band.load(args.posterior)             # None without --posterior
    posterior_band.draw(ax, x, pp.rows["activity_rate_2020_05"], scale=100)
    record["posterior_predictive"] = pp.record           # every published figure: fit / holdout / not used, predicted?

The rows come from paper_repro/calibration_verdicts.py (which reads a posterior file written by
`govsim calibrate`): median, 50 % and 90 % predictive intervals, and whether the published value
lies inside the 90 % interval. A band is a thick bar (50 %) over a thin one (90 %) with the median
as a dot; fitted figures in one colour, held-out ones in another.
"""
import os

import calibration_verdicts

COLOURS = {"fit": "C2", "holdout": "C3"}


class Predictive:
    def __init__(self, path):
        self.record = calibration_verdicts.verdicts(path)
        self.rows = {r["id"]: r for r in self.record["figures"] if r["use"] in ("fit", "holdout")}

    def label(self, row):
        """e.g. 'held out: predicted' / 'fitted: inside 90 %'."""
        if row["use"] == "holdout":
            return "held out: " + ("predicted" if row["inside_90"] else "MISSED")
        return "fitted: " + ("inside 90 %" if row["inside_90"] else "outside 90 %")


def add_argument(ap):
    ap.add_argument("--posterior", default=None, metavar="POST.h5",
                    help="a posterior file of `govsim calibrate` for this case: draw its posterior predictive "
                         "(median, 50 %% and 90 %% intervals) beside the published points and record in the JSON "
                         "which figures were fitted or held out and whether each was predicted")


def load(path):
    if path is None:
        return None
    if not os.path.exists(path):
        raise SystemExit(f"--posterior {path}: no such file")
    return Predictive(path)


def draw(ax, x, row, scale=1.0, horizontal=False, legend_once=None):
    """One target's predictive band at position x (a y position with horizontal=True)."""
    c = COLOURS[row["use"]]
    lo90, hi90 = (v * scale for v in row["predictive_90"])
    lo50, hi50 = (v * scale for v in row["predictive_50"])
    med = row["predictive_median"] * scale
    label = None
    if legend_once is not None and row["use"] not in legend_once:
        legend_once.add(row["use"])
        label = ("posterior predictive, fitted" if row["use"] == "fit" else "posterior predictive, held out") \
            + ": median, 50 % and 90 %"
    if horizontal:
        ax.plot([lo90, hi90], [x, x], color=c, lw=1.5, zorder=4)
        ax.plot([lo50, hi50], [x, x], color=c, lw=5, alpha=0.7, zorder=4)
        ax.plot([med], [x], "o", color=c, ms=5, zorder=5, label=label)
    else:
        ax.plot([x, x], [lo90, hi90], color=c, lw=1.5, zorder=4)
        ax.plot([x, x], [lo50, hi50], color=c, lw=5, alpha=0.7, zorder=4)
        ax.plot([x], [med], "o", color=c, ms=5, zorder=5, label=label)
