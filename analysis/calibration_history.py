#!/usr/bin/python3
"""How a calibration's posterior moved from generation to generation: the evidence to judge a
posterior that a budget stopped (`govsim info`: NOT CONVERGED) before the acceptance rate fell to
`min_acceptance`.

    /usr/bin/python3 analysis/calibration_history.py POST.h5 [--last K] [--json OUT.json]

A posterior file of `govsim calibrate` keeps every generation's particles and weights (/history,
docs/calibration.md). For each of the last K generations (default 4) this prints the tolerance,
acceptance and ESS, and for each parameter its weighted median and 90 % interval (the same
midpoint-rule quantiles as /parameters/q05, q50, q95), and its **shift**: how far the median moved
from the previous generation, in units of the previous generation's 90 % width. A parameter whose
prior is log-uniform or log-normal is compared in its logarithm, as the sampler moves it.

Reading it: shifts well below 1 (say under 0.25) over the last generations mean a posterior that
the further tightening of the tolerance no longer moves, while the interval widths can still
shrink; a shift near 1 or above means the posterior is still travelling. Neither is a convergence
test: ABC-SMC can sit still and be wrong when the proposals no longer reach a better region. The
figure to report beside the shifts is the tolerance, which says how close the accepted runs are.
"""
import argparse
import json
import os
import sys

import h5py
import numpy as np


def fail(msg):
    print(f"calibration_history: error: {msg}", file=sys.stderr)
    sys.exit(1)


def weighted_quantile(values, weights, q):
    """Midpoint rule, as sim/calibrate/summary.cpp: the i-th sorted value sits at cumulative weight
    (c_i - w_i / 2) / total; linear between, clamped at the ends."""
    order = np.argsort(values, kind="stable")
    v, w = np.asarray(values, float)[order], np.asarray(weights, float)[order]
    pos = (np.cumsum(w) - 0.5 * w) / w.sum()
    return float(np.interp(q, pos, v))


def read(path):
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        fail(f"{path}: cannot read as HDF5 ({e})")
    with f:
        if f.attrs.get("format") not in ("govsim-calibration", b"govsim-calibration"):
            fail(f"{path}: not a govsim posterior file (format != govsim-calibration)")
        try:
            names = list(f["parameters/name"].asstr()[:])
            priors = list(f["parameters/prior"].asstr()[:]) if "parameters/prior" in f else [""] * len(names)
            h = f["history"]
            gens = sorted(k for k in h if k.startswith("generation_"))
            out = {"names": names, "log": [p.startswith("log") for p in priors],
                   "tolerance": h["tolerance"][:], "acceptance": h["acceptance_rate"][:], "ess": h["ess"][:],
                   "simulations": h["simulations"][:],
                   "values": [h[g]["values"][:] for g in gens], "weights": [h[g]["weights"][:] for g in gens]}
        except KeyError as e:
            fail(f"{path}: no {e.args[0] if e.args else 'dataset'} where a posterior file has /parameters and /history "
                 "(docs/calibration.md, 'Posterior file layout')")
    if not out["values"]:
        fail(f"{path}: /history holds no generation")
    return out


def history(post, last):
    n = len(post["values"])
    first = max(0, n - last)
    gens = []
    prev = None
    for g in range(n):
        v, w = post["values"][g], post["weights"][g]
        row = {"generation": g, "tolerance": float(post["tolerance"][g]), "acceptance": float(post["acceptance"][g]),
               "ess": float(post["ess"][g]), "simulations": int(post["simulations"][g]), "parameters": {}}
        qs = []
        for k, name in enumerate(post["names"]):
            x = np.log(v[:, k]) if post["log"][k] else v[:, k]
            q05, q50, q95 = (weighted_quantile(x, w, q) for q in (0.05, 0.5, 0.95))
            qs.append((q05, q50, q95))
            back = np.exp if post["log"][k] else float
            entry = {"q05": float(back(q05)), "q50": float(back(q50)), "q95": float(back(q95))}
            if prev is not None:
                p05, p50, p95 = prev[k]
                entry["shift"] = round(abs(q50 - p50) / (p95 - p05), 3) if p95 > p05 else None
            row["parameters"][name] = entry
        prev = qs
        if g >= first:
            gens.append(row)
    return gens


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("posterior")
    ap.add_argument("--last", type=int, default=4, help="generations to show (default 4)")
    ap.add_argument("--json", help="also write the table as JSON here")
    args = ap.parse_args(argv)
    if args.last < 1:
        ap.error(f"--last {args.last}: expected at least 1")
    post = read(args.posterior)
    gens = history(post, args.last)
    print("| generation | " + " | ".join(str(g["generation"]) for g in gens) + " |")
    print("|---" * (len(gens) + 1) + "|")
    for key, fmt in (("tolerance", "{:.4g}"), ("acceptance", "{:.3f}"), ("ess", "{:.1f}"), ("simulations", "{:,}")):
        print(f"| {key} | " + " | ".join(fmt.format(g[key]) for g in gens) + " |")
    for name in post["names"]:
        cells = []
        for g in gens:
            e = g["parameters"][name]
            shift = f" (shift {e['shift']:.2f})" if e.get("shift") is not None else ""
            cells.append(f"{e['q50']:.3g} [{e['q05']:.3g}, {e['q95']:.3g}]{shift}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if len(post["values"]) > 1:
        lastg = gens[-1]
        moved = {n: e["shift"] for n, e in lastg["parameters"].items() if e.get("shift") is not None}
        if moved:
            top = max(moved, key=moved.get)
            print(f"largest shift into generation {lastg['generation']}: {moved[top]:.2f} of the previous 90 % width ({top})")
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump({"posterior": args.posterior, "generations": gens}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)


if __name__ == "__main__":
    main()
