#!/usr/bin/python3
"""Draw any series of a govsim result file: crisis phases shaded, published points marked.

    /usr/bin/python3 analysis/plot_result.py jiaxing.h5                 # the case's headline series
    /usr/bin/python3 analysis/plot_result.py q.h5 rate_active n_active -o q.png
    /usr/bin/python3 analysis/plot_result.py sweep.h5 rate_active_monthly --hue jiaxing.conditions.accountability
    /usr/bin/python3 analysis/plot_result.py sweep.h5 rate_active --facet collab.platform.enabled

Works on single runs (`govsim run`) and sweeps (`govsim sweep`, `govsim merge`): for a sweep each
line is the mean over the runs with a band (5-95 % of the runs, or min-max with --band minmax), one
colour per value of --hue (default: in a grid, the varied parameter with the fewest values) and one
panel per value of --facet.

SERIES are names of daily or monthly series (`govsim info FILE` lists them); a name present in both
is drawn daily unless --monthly. Without SERIES: the series the case's published figures refer to
(paper_repro/targets/<case>.toml, found from the scenario the result was run from), else every
monthly series (at most 6). Grouped series are drawn as their total over groups unless --groups.
Mid-crisis phases are shaded grey, post-crisis phases light blue (from /time/daily/phase); the
published values of a case's targets are black squares with their tolerance as error bars.

Writes a PNG (default: <result name>_<series>.png in the current directory; -o to choose).
"""
import argparse
import os
import sys

import h5py
import numpy as np

import matplotlib  # noqa: E402
matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import govsim_results  # noqa: E402
import targets as targets_mod  # noqa: E402

PHASE_STYLE = {"mid": ("0.82", "mid-crisis phase"), "post": ("#dbe9f6", "post-crisis phase")}


def file_format(path):
    with h5py.File(path, "r") as f:
        return govsim_results._text(f.attrs.get("format", b""))


def month_dates(months):
    """Mid-month dates for YYYY-MM labels (monthly values drawn in the middle of their month)."""
    return np.array([np.datetime64(m + "-01") + np.timedelta64(14, "D") for m in months])


class View:
    """What the plotting needs, the same for a run and a sweep: dates, phases, series [runs, time(, groups)]."""

    def __init__(self, path):
        self.path = path
        self.kind = file_format(path)
        with h5py.File(path, "r") as f:
            if self.kind not in ("govsim-results", "govsim-sweep"):
                raise ValueError(f"{path}: not a govsim result or sweep file")
            t = govsim_results._text
            self.dates = np.array(t(f["time/daily/date"][()]), dtype="datetime64[D]")
            self.months = t(f["time/monthly/month"][()])
            self.phase = f["time/daily/phase"][()] if "time/daily/phase" in f else np.zeros(len(self.dates), int)
            labels = f["time/daily/phase"].attrs.get("labels", b"pre,mid,post") if "time/daily/phase" in f else b"pre,mid,post"
            self.phase_labels = t(labels).split(",")
            self.daily_names = list(f["series/daily"])
            self.monthly_names = list(f["series/monthly"])
            self.attrs = {}
            for g in ("series/daily", "series/monthly"):
                for k, d in f[g].items():
                    self.attrs.setdefault(k, {a: t(v) for a, v in d.attrs.items()})
            prov = f["provenance"]
            self.scenario_path = t(prov.attrs.get("scenario_path", prov.attrs.get("sweep_path", b"")))
            if self.kind == "govsim-sweep":
                self.sweep_scenario = t(prov.attrs.get("base_scenario_path", b""))
        self.sweep = None
        if self.kind == "govsim-sweep":
            import sweep_results
            self.sweep = sweep_results.load_sweep(path)
            self.result = None
        else:
            self.result = govsim_results.load(path)

    def targets(self):
        cands = [self.scenario_path]
        if self.sweep is not None:
            cands += [self.sweep.provenance.get(k, "") for k in ("base_scenario", "scenario", "base_scenario_path")]
            cands += [self.sweep.design.get("scenario", "")]
        for c in cands:
            if c:
                t = targets_mod.for_scenario(c)
                if t:
                    return t
        return None

    def series(self, name, monthly):
        """Values [runs, time] (summed over groups unless keep_groups) and the x dates."""
        if self.sweep is not None:
            v = np.asarray((self.sweep.monthly if monthly else self.sweep.daily)[name], dtype=float)
        else:
            v = np.asarray((self.result.monthly if monthly else self.result.daily)[name], dtype=float)[None, ...]
        return v, (month_dates(self.months) if monthly else self.dates.astype("datetime64[D]"))

    def groups(self, name):
        g = self.attrs.get(name, {}).get("groups", "")
        return g.split(",") if g else []


def shade_phases(ax, view, handles):
    seen = set()
    ph = np.asarray(view.phase, dtype=int)
    i = 0
    while i < len(ph):
        j = i
        while j + 1 < len(ph) and ph[j + 1] == ph[i]:
            j += 1
        label = view.phase_labels[ph[i]] if ph[i] < len(view.phase_labels) else str(ph[i])
        if label in PHASE_STYLE:
            color, text = PHASE_STYLE[label]
            ax.axvspan(view.dates[i], view.dates[j] + np.timedelta64(1, "D"), color=color, zorder=0, lw=0)
            if label not in seen:
                handles.append(Patch(color=color, label=text))
                seen.add(label)
        i = j + 1


def draw_published(ax, targets, name, scale):
    pts = targets.monthly_points(name) if targets else []
    for k, (month, t) in enumerate(pts):
        tol = t.get("tolerance", {}).get("absolute")
        ax.errorbar([month_dates([month])[0]], [scale * t["value"]],
                    yerr=[[scale * tol], [scale * tol]] if tol else None, fmt="s", color="k", ms=6, capsize=4,
                    zorder=5, label=(f"published ({targets.case}" + (f", ± {scale * tol:g}{' pp' if scale == 100 else ''}" if tol else "") + ")")
                    if k == 0 else None)
    return len(pts)


def draw_band(ax, x, v, color, label, band):
    """Mean over runs and a band (5-95 % or min-max) when there are several runs."""
    mean = np.nanmean(v, axis=0)
    if v.shape[0] > 1:
        lo, hi = ((np.nanpercentile(v, 5, axis=0), np.nanpercentile(v, 95, axis=0)) if band == "pct"
                  else (np.nanmin(v, axis=0), np.nanmax(v, axis=0)))
        ax.fill_between(x, lo, hi, color=color, alpha=0.22, lw=0,
                        label=f"{label}: {'5-95 %' if band == 'pct' else 'min-max'} of {v.shape[0]} runs")
        label = f"{label}: mean"
    ax.plot(x, mean, color=color, lw=1.8, label=label)


def plot_file(path, names=None, out=None, monthly_first=False, hue="auto", facet=None, band="pct",
              keep_groups=False, title=None):
    view = View(path)
    targets = view.targets()
    if not names:
        names = []
        if targets:
            names = [s for s in dict.fromkeys(t.get("maps_to", {}).get("series") for t in targets) if s]
            names = [s for s in names if s in view.monthly_names or s in view.daily_names]
        if not names:
            names = view.monthly_names[:6]
            monthly_first = True
    resolved = []
    for n in names:
        in_d, in_m = n in view.daily_names, n in view.monthly_names
        if not (in_d or in_m):
            raise KeyError(f"no series '{n}' in {path} (daily: {', '.join(view.daily_names)}; "
                           f"monthly: {', '.join(view.monthly_names)})")
        resolved.append((n, in_m and (monthly_first or not in_d)))

    sweep = view.sweep
    hue_j = facet_j = None
    if sweep is not None:
        import plot_sweep
        if facet:
            facet_j = sweep.parameter_index(facet)
        if hue == "auto":
            hue = plot_sweep.default_hue(sweep, -1, exclude=() if facet_j is None else (facet_j,))
        hue_j = sweep.parameter_index(hue) if hue else None
    facet_values = [None] if facet_j is None else list(np.unique(sweep.params[:, facet_j]))

    fig, axes = plt.subplots(len(resolved), len(facet_values), figsize=(7.5 * len(facet_values), 3.6 * len(resolved)),
                             squeeze=False, sharex=True)
    scale_note = ""
    if view.result is not None:
        scale_note = f"{int(view.result.file_attrs['num_residents']):,} residents"
    elif sweep is not None:
        scale_note = f"sweep of {sweep.num_runs} runs"
    for r, (name, monthly) in enumerate(resolved):
        unit = view.attrs.get(name, {}).get("unit", "")
        if monthly and view.attrs.get(name, {}).get("monthly_aggregation") == "sum" and unit.endswith("/day"):
            unit = unit[: -len("/day")] + " per month"  # a monthly sum of a daily flow
        pct = unit in ("fraction", "share") and not keep_groups
        scale = 100.0 if pct else 1.0
        for c, fv in enumerate(facet_values):
            ax = axes[r, c]
            handles = []
            shade_phases(ax, view, handles)
            v, x = view.series(name, monthly)
            groups = view.groups(name)
            if v.ndim == 3 and not keep_groups:
                v = v.sum(axis=2)
            runs = np.ones(v.shape[0], dtype=bool)
            if fv is not None:
                runs &= sweep.params[:, facet_j] == fv
            if v.ndim == 3:  # one line per group (single run or runs averaged)
                for g in range(v.shape[2]):
                    draw_band(ax, x, scale * v[runs, :, g], f"C{g % 10}", groups[g] if g < len(groups) else str(g), band)
            elif hue_j is not None:
                for k, hv in enumerate(np.unique(sweep.params[runs, hue_j])):
                    sel = runs & (sweep.params[:, hue_j] == hv)
                    draw_band(ax, x, scale * v[sel], f"C{k % 10}", f"{sweep.parameters[hue_j]} = "
                              f"{plot_sweep.value_label(sweep, hue_j, hv)}", band)
            else:
                draw_band(ax, x, scale * v[runs], "C0", "simulated" + (f" ({scale_note})" if scale_note else ""), band)
            draw_published(ax, targets, name, scale)
            desc = view.attrs.get(name, {}).get("description", "")
            ylabel = name + (" [%]" if pct else f" [{unit}]" if unit else "")
            ax.set_ylabel(ylabel, fontsize=9)
            t = f"{name} ({'monthly' if monthly else 'daily'})" + (f": {desc}" if desc else "")
            if groups and not keep_groups:
                t += " (total over groups)"
            if fv is not None:
                t += f"\n{sweep.parameters[facet_j]} = {plot_sweep.value_label(sweep, facet_j, fv)}"
            ax.set_title(t if len(t) < 110 else t[:107] + "...", fontsize=9)
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)
            h, l = ax.get_legend_handles_labels()
            ax.legend(handles=h + handles, fontsize=7, loc="best", framealpha=0.9)
            if r == len(resolved) - 1:
                ax.set_xlabel("date (monthly values at mid-month)" if monthly else "date")
    head = title or (os.path.basename(path) + (f" - {targets.title}" if targets else "") +
                     (f" ({scale_note})" if scale_note else ""))
    fig.suptitle(head, fontsize=10)
    fig.tight_layout()
    if out is None:
        out = os.path.splitext(os.path.basename(path))[0] + "_" + "_".join(n for n, _ in resolved)[:80] + ".png"
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main(argv):
    ap = argparse.ArgumentParser(prog="plot_result.py", description=__doc__.split("\n\n")[0],
                                 epilog="Examples are at the top of analysis/plot_result.py.")
    ap.add_argument("file", help="result file of govsim run, sweep or merge; or a posterior of govsim calibrate "
                    "(then: its pairs plot and predictive bands, analysis/plot_calibration.py)")
    ap.add_argument("series", nargs="*", help="series to draw (default: the case's published series, else the monthly ones)")
    ap.add_argument("-o", "--out", help="PNG to write (default: <file>_<series>.png here)")
    ap.add_argument("--monthly", action="store_true", help="prefer the monthly series of a name present in both")
    ap.add_argument("--groups", action="store_true", help="one line per group of a grouped series")
    ap.add_argument("--hue", default="auto", help="sweep: colour by this parameter ('none' for one colour)")
    ap.add_argument("--facet", help="sweep: one panel per value of this parameter")
    ap.add_argument("--band", choices=("pct", "minmax"), default="pct", help="sweep band: 5-95 %% (pct) or min-max")
    ap.add_argument("--title", help="figure title")
    args = ap.parse_args(argv[1:])
    try:
        if file_format(args.file) == "govsim-calibration":  # a posterior of `govsim calibrate`
            import plot_calibration
            prefix = os.path.splitext(args.out)[0] if args.out else None
            return plot_calibration.main([args.file] + (["-o", prefix] if prefix else []))
        out = plot_file(args.file, args.series, args.out, args.monthly, None if args.hue == "none" else args.hue,
                        args.facet, args.band, args.groups, args.title)
    except (OSError, ValueError, KeyError) as e:
        msg = e.args[0] if isinstance(e, KeyError) and e.args else e
        print(f"plot_result: error: {args.file}: {msg}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
