#!/usr/bin/python3
"""Figures of a posterior file written by `govsim calibrate` (layout: docs/calibration.md).

    /usr/bin/python3 analysis/plot_calibration.py POST.h5 [-o PREFIX]

Writes PREFIX_pairs.png (weighted posterior sample: histograms on the diagonal, scatter below,
point size by weight; a parameter with a log-uniform or log-normal prior on a log axis, so a posterior
at the low end of a prior spanning decades is not a single bar) and PREFIX_predictive.png (for every target, the posterior predictive
median with 50 % and 90 % intervals, standardised by the published value, against the published
figure; fitted and held-out targets marked).
"""
import argparse
import sys
import os

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def read(path):
    with h5py.File(path, "r") as f:
        if f.attrs.get("format") not in ("govsim-calibration", b"govsim-calibration"):
            raise SystemExit(f"{path}: not a govsim posterior file (format != govsim-calibration)")
        p = {
            "names": list(f["parameters/name"].asstr()[:]),
            "lower": f["parameters/lower"][:],
            "upper": f["parameters/upper"][:],
            "contraction": f["parameters/contraction"][:],
            # "log_uniform(0.0002, 0.02)", ...; absent from posterior files older than the prior column
            "priors": list(f["parameters/prior"].asstr()[:]) if "parameters/prior" in f else None,
            "values": f["particles/values"][:],
            "weights": f["particles/weights"][:],
        }
        t = {k: f["targets/" + k][:] for k in ("published", "published_upper", "predictive_q05", "predictive_q25",
                                                "predictive_median", "predictive_q75", "predictive_q95", "inside_90")}
        for k in ("id", "use", "kind"):
            t[k] = list(f["targets/" + k].asstr()[:])
    return p, t


def log_axes(p):
    """For each parameter, whether its axis is logarithmic: its prior is uniform in the logarithm
    (log_uniform) or normal in it (log_normal), and its range is positive."""
    priors = p.get("priors") or [""] * len(p["names"])
    return [pr.startswith("log") and lo > 0 for pr, lo in zip(priors, p["lower"])]


def pairs(p, out):
    n = len(p["names"])
    log = log_axes(p)
    fig, axes = plt.subplots(n, n, figsize=(2.6 * n, 2.6 * n), squeeze=False)
    w = p["weights"] / p["weights"].sum()
    for i in range(n):
        for j in range(n):
            ax = axes[i][j]
            if j > i:
                ax.axis("off")
                continue
            if i == j:
                lo, hi = p["lower"][i], p["upper"][i]
                bins = np.geomspace(lo, hi, 21) if log[i] else np.linspace(lo, hi, 21)
                ax.hist(p["values"][:, i], bins=bins, weights=w, color="tab:blue")
                ax.set_title(f"contraction {p['contraction'][i]:.2f}", fontsize=8)
            else:
                ax.scatter(p["values"][:, j], p["values"][:, i], s=4 + 300 * w, alpha=0.5)
                if log[i]:
                    ax.set_yscale("log")
                ax.set_ylim(p["lower"][i], p["upper"][i])
            if log[j]:
                ax.set_xscale("log")
            ax.set_xlim(p["lower"][j], p["upper"][j])
            if i == n - 1:
                ax.set_xlabel(p["names"][j].split(".")[-1], fontsize=8)
            if j == 0 and i > 0:
                ax.set_ylabel(p["names"][i].split(".")[-1], fontsize=8)
    fig.tight_layout()
    # 2.6 inches a panel: past 6 parameters, fewer dots per inch keep the PNG near 2,000 pixels wide.
    fig.savefig(out, dpi=min(120, max(60, 720 // n)))
    plt.close(fig)


def predictive(t, out):
    n = len(t["id"])
    scale = np.where(t["published"] != 0, np.abs(t["published"]), 1.0)
    fig, ax = plt.subplots(figsize=(7, 0.45 * n + 1.5))
    y = np.arange(n)
    ax.hlines(y, t["predictive_q05"] / scale, t["predictive_q95"] / scale, color="0.7", lw=6, label="90 % predictive")
    ax.hlines(y, t["predictive_q25"] / scale, t["predictive_q75"] / scale, color="tab:blue", lw=6, label="50 % predictive")
    ax.plot(t["predictive_median"] / scale, y, "k|", ms=14, label="median")
    for k in range(n):
        marker = "o" if t["use"][k] == "fit" else "D"
        colour = "tab:green" if t["inside_90"][k] else "tab:red"
        ax.plot(t["published"][k] / scale[k], k, marker, color=colour, mfc="white" if t["use"][k] == "fit" else colour)
        if t["kind"][k] == "range":
            ax.plot(t["published_upper"][k] / scale[k], k, marker, color=colour)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{i} ({u}{', > bound' if k == 'lower' else ''})" for i, u, k in zip(t["id"], t["use"], t["kind"])],
                       fontsize=8)
    ax.set_xlabel("simulated / published (published = 1; circle: fitted, diamond: held out; red: outside 90 %)")
    ax.axvline(1.0, color="0.5", lw=0.8)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("posterior")
    ap.add_argument("-o", "--output", help="prefix of the figures (default: the posterior file without .h5)")
    a = ap.parse_args(argv)
    prefix = a.output or os.path.splitext(a.posterior)[0]
    p, t = read(a.posterior)
    pairs(p, prefix + "_pairs.png")
    predictive(t, prefix + "_predictive.png")
    print(f"wrote {prefix}_pairs.png and {prefix}_predictive.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
