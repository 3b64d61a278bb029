#!/usr/bin/python3
"""For each published figure of a case, whether a calibration fitted it or held it out, and whether
the posterior predicted it: JSON from a posterior file written by `govsim calibrate`.

    build/govsim calibrate paper_repro/calibrations/yuexiu.toml -o yuexiu_posterior.h5
    /usr/bin/python3 paper_repro/calibration_verdicts.py yuexiu_posterior.h5 -o yuexiu_verdicts.json

Figures of the case's targets file that the calibration does not name are listed with
use = "not used" (e.g. Yuexiu's auto-dispatch share, which is an input of the model). The published
values are read from the posterior file (the targets' text is stored in its /provenance).
"""
import argparse
import json
import os
import sys
import tomllib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "analysis"))
import plot_calibration  # noqa: E402

import h5py  # noqa: E402


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def verdicts(path):
    params, t = plot_calibration.read(path)
    with h5py.File(path, "r") as f:
        targets_text = f["provenance/targets_text"][()].decode()
        prov = dict(f["provenance"].attrs)
    rows = []
    for k, tid in enumerate(t["id"]):
        rows.append({
            "id": tid, "use": t["use"][k], "kind": t["kind"][k],
            "published": float(t["published"][k]),
            "predictive_median": float(t["predictive_median"][k]),
            "predictive_50": [float(t["predictive_q25"][k]), float(t["predictive_q75"][k])],
            "predictive_90": [float(t["predictive_q05"][k]), float(t["predictive_q95"][k])],
            "inside_90": bool(t["inside_90"][k]),
            "verdict": ("predicted" if t["inside_90"][k] else "missed") if t["use"][k] == "holdout"
                       else ("fitted, inside" if t["inside_90"][k] else "fitted, outside"),
        })
    named = set(t["id"])
    if targets_text:
        for x in tomllib.loads(targets_text).get("target", []):
            if x["id"] not in named:
                rows.append({"id": x["id"], "use": "not used", "kind": x.get("kind", "point"), "published": x["value"]})
    return {
        "posterior": os.path.basename(path),
        "seed": int(prov["seed"]),
        "stop_reason": text(prov["stop_reason"]),
        "parameters": [{"name": n, "contraction": float(c), "identified": bool(c >= 0.5)}
                       for n, c in zip(params["names"], params["contraction"])],
        "figures": rows,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("posterior")
    ap.add_argument("-o", "--output", help="JSON file (default: stdout)")
    a = ap.parse_args()
    text = json.dumps(verdicts(a.posterior), indent=1, ensure_ascii=False)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
