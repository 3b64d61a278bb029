#!/usr/bin/python3
"""Plots of a govsim sweep: any output against any parameter, Sobol bars, Morris mu*-sigma.

    # output against a parameter: mean of the replicates per design point, with a band
    /usr/bin/python3 analysis/plot_sweep.py sweep.h5 --x jiaxing.needs.everyday_rate \
        --output rate_active_monthly --month 2020-05 --band sd -o rate_vs_everyday.png
    # the figure of a sensitivity result written by sensitivity.py --json
    /usr/bin/python3 analysis/plot_sweep.py --sensitivity sobol.json -o sobol.png

Other varied parameters: in a grid or list sweep the one with the fewest values (at most 6)
colours the lines (`--hue PARAM` to choose, `--hue none` for none); `--facet PARAM` draws one panel
per value. A boolean parameter on the x axis is drawn as two categories, false and true.

Bands: `sd` is the replicate mean +- 1 sample standard deviation over the replicates of a design
point, `minmax` the range of the replicates. With one replicate per point there is no band.
Columns are named as in analysis/sweep_results.py (Sweep.column).
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep_results  # noqa: E402

BANDS = {"sd": "mean ± 1 s.d. of replicates", "minmax": "min–max of replicates"}


def is_boolean(sweep, j):
    """A parameter whose values are exactly 0 and 1 (booleans are stored as 0/1): drawn as categories."""
    return set(np.unique(sweep.params[:, j]).tolist()) <= {0.0, 1.0} and len(np.unique(sweep.params[:, j])) == 2


def few_values(sweep, j, limit=6):
    return len(np.unique(sweep.params[:, j])) <= limit


def value_label(sweep, j, v):
    if is_boolean(sweep, j):
        return "true" if v == 1 else "false"
    return f"{v:g}"


def default_hue(sweep, x_index, exclude=()):
    """In a grid or list sweep, the other varied parameter with the fewest values (at most 6), or None."""
    if sweep.kind not in ("grid", "list"):
        return None
    cands = [j for j in range(len(sweep.parameters)) if j != x_index and j not in exclude
             and len(np.unique(sweep.params[:, j])) > 1 and few_values(sweep, j)]
    return sweep.parameters[min(cands, key=lambda j: len(np.unique(sweep.params[:, j])))] if cands else None


def plot_vs_parameter(ax, sweep, x, y, band="sd", hue=None, where=None):
    """Replicate mean of column `y` per design point against parameter `x`, with a band (BANDS).

    hue: another parameter; one colour (and line) per value of it, named in the legend.
    where: {parameter: value}; only the design points with these values (facets).
    A boolean parameter on the x axis is drawn as two categories (false, true), not as a 0-1 axis."""
    j = sweep.parameter_index(x)
    _, mean_all, sd_all, lo_all, hi_all, n_all = sweep.by_point(sweep.column(y))
    pp = sweep.point_params()
    keep = np.ones(len(pp), dtype=bool)
    for name, value in (where or {}).items():
        keep &= pp[:, sweep.parameter_index(name)] == value
    h = sweep.parameter_index(hue) if hue else None
    hue_values = np.unique(pp[keep, h]) if h is not None else [None]
    boolean_x = is_boolean(sweep, j)
    for k, hv in enumerate(hue_values):
        sel = keep & ((pp[:, h] == hv) if h is not None else True)
        color = f"C{k % 10}"
        tag = f"{_short_names([sweep.parameters[h]])[0]} = {value_label(sweep, h, hv)}: " if h is not None else ""
        xs = pp[sel, j]
        mean, sd, lo, hi, n = mean_all[sel], sd_all[sel], lo_all[sel], hi_all[sel], n_all[sel]
        if len(xs) == 0:
            continue
        order = np.argsort(xs, kind="stable")
        xs, mean, sd, lo, hi = xs[order], mean[order], sd[order], lo[order], hi[order]
        if band == "sd":
            lo, hi = mean - sd, mean + sd
        has_band = n.max() > 1
        if boolean_x:  # categories, dodged per hue value so that the marks do not overlap
            off = (k - (len(hue_values) - 1) / 2) * 0.12
            ax.errorbar(xs + off, mean, yerr=[mean - lo, hi - mean] if has_band else None, fmt="o", color=color,
                        capsize=4, ms=5, label=tag + f"mean of {int(n.max())} replicate(s)"
                        + (f", bar {BANDS[band]}" if has_band else ""))
            continue
        # A grid or list sweeps one parameter along a line: join the points. Other designs scatter.
        line = sweep.kind in ("grid", "list") and len(np.unique(xs)) == len(xs)
        if has_band:
            if line:
                ax.fill_between(xs, lo, hi, alpha=0.2, color=color, label=tag + BANDS[band])
            else:
                ax.errorbar(xs, mean, yerr=[mean - lo, hi - mean], fmt="none", ecolor=color,
                            alpha=0.15 if len(xs) > 500 else 0.35, elinewidth=1, label=tag + BANDS[band])
        dense = len(xs) > 500
        ax.plot(xs, mean, "-o" if line else "o", color=color, ms=2 if dense else 3,
                alpha=0.5 if dense else 1.0, label=tag + f"mean of {int(n.max())} replicate(s) per point")
        if not line and len(xs) >= 40 and h is None:  # a sampled design: the trend as means over 10 quantile bins
            edges = np.unique(np.quantile(xs, np.linspace(0, 1, 11)))
            kk = np.clip(np.searchsorted(edges, xs, side="right") - 1, 0, len(edges) - 2)
            bins = [b for b in range(len(edges) - 1) if np.any(kk == b)]
            ax.plot([xs[kk == b].mean() for b in bins], [mean[kk == b].mean() for b in bins], "-",
                    color="C1", lw=2, label="binned mean (deciles of the parameter)")
    if boolean_x:
        ax.set_xticks([0, 1], ["false", "true"])
        ax.set_xlim(-0.5, 1.5)
        ax.set_xlabel(sweep.parameters[j])
    else:
        ax.set_xlabel(sweep.parameters[j] + (" (log scale)" if sweep.scale[j] == "log" else ""))
        if sweep.scale[j] == "log":
            ax.set_xscale("log")
    unit = sweep.unit(y.split("[")[0])
    ax.set_ylabel(y + (f" [{unit}]" if unit else ""))
    if where:
        ax.set_title(", ".join(f"{_short_names([k])[0]} = {value_label(sweep, sweep.parameter_index(k), v)}"
                               for k, v in where.items()), fontsize=9)
    ax.legend(fontsize=7, framealpha=0.9)
    return ax


def figure_vs_parameter(sweep, x, y, band="sd", hue="auto", facet=None):
    """A figure of `y` against `x`: hue by another parameter ('auto': the grid's other varied
    parameter with the fewest values), one panel per value of `facet`."""
    j = sweep.parameter_index(x)
    f = sweep.parameter_index(facet) if facet else None
    if hue == "auto":
        hue = default_hue(sweep, j, exclude=() if f is None else (f,))
    panels = [None] if f is None else list(np.unique(sweep.params[:, f]))
    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.4), squeeze=False, sharey=True)
    for ax, v in zip(axes[0], panels):
        plot_vs_parameter(ax, sweep, x, y, band, hue=hue,
                          where=None if v is None else {sweep.parameters[f]: v})
    fig.tight_layout()
    return fig


def plot_sobol(ax, result):
    """Bars of S1 and ST with their bootstrap confidence intervals."""
    s, names = result["sobol"], _short_names(result["parameters"])
    x = np.arange(len(names))
    w = 0.38
    for k, (key, label, color) in enumerate((("S1", "first order S1", "C0"),
                                            ("ST", "total ST", "C1"))):
        v = _arr(s[key])
        err = [v - _arr(s[key + "_lo"]), _arr(s[key + "_hi"]) - v]
        ax.bar(x + (k - 0.5) * w, v, w, yerr=err, capsize=3, color=color, label=label)
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xticks(x, names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Sobol index")
    ax.set_title(f"Sobol indices of {result['output']}\n"
                 f"(bars: {round(100 * s['confidence'])} % bootstrap CI, N = {result['base_samples']})",
                 fontsize=9)
    ax.legend(fontsize=8)
    return ax


def plot_morris(ax, result):
    """Morris mu* against sigma, one labelled point per parameter."""
    m, names = result["morris"], _short_names(result["parameters"])
    mu_star, sigma = _arr(m["mu_star"]), _arr(m["sigma"])
    # One colour per parameter, named in the legend: labels beside the points would overlap.
    for k, name in enumerate(names):
        ax.scatter(mu_star[k], sigma[k], color=f"C{k % 10}", marker="os^Dv<>ph*"[k // 10 % 10],
                   label=name, zorder=3)
    top = np.nanmax(np.concatenate([mu_star, sigma, [0]]))
    ax.plot([0, top], [0, top], ls=":", color="grey", lw=0.8, label="sigma = mu*")
    ax.set_xlabel("mu* (mean |elementary effect| per unit of range)")
    ax.set_ylabel("sigma (s.d. of elementary effects)")
    ax.set_title(f"Morris elementary effects, {m.get('method', '')}", fontsize=9)
    ax.legend(fontsize=7)
    return ax


def save_sensitivity_figure(result, path, title=None):
    """Sobol bars (saltelli designs) and the Morris scatter side by side, written to `path`."""
    panels = [p for p in (("sobol", plot_sobol), ("morris", plot_morris)) if result.get(p[0])]
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 4.4), squeeze=False)
    for ax, (_, fn) in zip(axes[0], panels):
        fn(ax, result)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def _arr(values):
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _short_names(names):
    """Dotted parameter paths without the part common to all (jiaxing.needs.x -> needs.x)."""
    parts = [n.split(".") for n in names]
    k = 0
    while len(names) > 1 and all(len(p) > k + 1 and p[k] == parts[0][k] for p in parts):
        k += 1
    return [".".join(p[k:]) for p in parts]


def main(argv):
    import argparse
    import sensitivity
    ap = argparse.ArgumentParser(prog="plot_sweep.py", description=__doc__.split("\n")[0])
    ap.add_argument("sweep", nargs="?", help="sweep result file")
    ap.add_argument("--x", help="parameter on the x axis")
    sensitivity.add_column_args(ap)
    ap.add_argument("--band", choices=sorted(BANDS), default="sd", help="replicate band (sd)")
    ap.add_argument("--hue", default="auto",
                    help="colour by this parameter's values (default: in a grid, the other varied parameter with "
                         "the fewest values; 'none' for one colour)")
    ap.add_argument("--facet", help="one panel per value of this parameter")
    ap.add_argument("--sensitivity", metavar="JSON", help="plot a result of sensitivity.py --json")
    ap.add_argument("-o", "--out", required=True, help="PNG to write")
    args = ap.parse_args(argv[1:])
    try:
        if args.sensitivity:
            with open(args.sensitivity) as fh:
                save_sensitivity_figure(json.load(fh), args.out)
        else:
            if not (args.sweep and args.x):
                ap.error("give SWEEP --x PARAMETER --output/--summary ..., or --sensitivity JSON")
            sweep = sweep_results.load_sweep(args.sweep)
            fig = figure_vs_parameter(sweep, args.x, sensitivity.column_from_args(args), args.band,
                                      hue=None if args.hue == "none" else args.hue, facet=args.facet)
            fig.savefig(args.out, dpi=130)
            plt.close(fig)
    except sweep_results.CLI_ERRORS as e:
        print(sweep_results.error_line("plot_sweep", args.sensitivity or args.sweep, e), file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
