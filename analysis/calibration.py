#!/usr/bin/python3
"""The parts every calibration script shares (analysis/calibrate_*.py).

Parameters are searched in transformed coordinates ("log" for positive rates and times, "logit"
for probabilities) by trust-region least squares with forward differences; values are read from
the scenario as `govsim validate --print-resolved` resolves them; records are written atomically.
"""
import datetime
import json
import math
import os
import re
import shutil
import subprocess
import sys

import numpy as np
from scipy.optimize import least_squares

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import govsim_runner as gr  # noqa: E402


def to_x(params, values):
    """Parameter values -> search coordinates; params is a list of (key, "log" | "logit").

    A probability at a bound of [0, 1] (a previous fit may end there) starts just inside it."""
    def logit(v):
        v = min(max(v, 1e-6), 1 - 1e-6)
        return math.log(v / (1 - v))
    return np.array([math.log(v) if tr == "log" else logit(v) for (_, tr), v in zip(params, values)])


def from_x(params, x):
    return [math.exp(xi) if tr == "log" else 1 / (1 + math.exp(-xi)) for (_, tr), xi in zip(params, x)]


def bumped(params, values, i, factor=1.1):
    """values with parameter i multiplied by `factor` (a probability stays below 1)."""
    v = list(values)
    v[i] = v[i] * factor if params[i][1] == "log" else min(0.999, v[i] * factor)
    return v


def resolved_values(govsim, scenario, keys):
    """The resolved value of each dotted key in the scenario (the file's value or the declared default)."""
    proc = subprocess.run([govsim, "validate", scenario, "--print-resolved"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"calibrate: {proc.stderr.strip()}")
    values = []
    for key in keys:
        section, name = key.rsplit(".", 1)
        m = re.search(r"^\[" + re.escape(section) + r"\]\n(?:(?!\[).*\n)*?" + re.escape(name) + r"\s*=\s*([^\s#]+)",
                      proc.stdout, re.M)
        if not m:
            raise SystemExit(f"calibrate: cannot read {key} from `govsim validate --print-resolved`")
        values.append(float(m.group(1)))
    return values


def fit(residuals, params, start, max_evaluations):
    """Trust-region least squares from `start`; returns (scipy result, fitted values)."""
    result = least_squares(lambda x: residuals(from_x(params, x)), to_x(params, start), method="trf",
                           diff_step=0.05, max_nfev=max_evaluations, xtol=1e-3, ftol=1e-4)
    return result, from_x(params, result.x)


METHOD = "scipy.optimize.least_squares(method='trf', diff_step=0.05), log/logit coordinates, common random numbers"


def provenance(script):
    """Date, commit and command line of a calibration, for its record."""
    return {"date": datetime.date.today().isoformat(), "git_commit": gr.git_commit(),
            "command": f"/usr/bin/python3 analysis/{script} " + " ".join(sys.argv[1:])}


def write_json(path, record):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2)
    os.replace(path + ".tmp", path)
    print(f"calibrate: wrote {os.path.relpath(path, gr.ROOT)}")


def write_text(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def add_common_arguments(parser, replicates):
    """The options every calibration script has (its own population option comes separately)."""
    parser.add_argument("--govsim", default=gr.DEFAULT_GOVSIM, help="govsim binary (default: build/govsim)")
    parser.add_argument("--replicates", type=int, default=replicates,
                        help=f"replicates per evaluation (default {replicates})")
    parser.add_argument("--max-evaluations", type=int, default=80)
    parser.add_argument("--write", action="store_true", help="write the fit into the scenario file(s)")


def check_binary(govsim):
    if not os.access(govsim, os.X_OK):
        raise SystemExit(f"calibrate: {govsim} not found; build first (see README)")


class ReplicateObjective:
    """Residuals of the mean observables over `args.replicates` replicates of a scenario.

    The same run indices are used at every evaluation (common random numbers), so the objective is
    a deterministic function of the parameters; results are cached per parameter vector.
    `observables(result) -> dict` reads one run; `residuals_of(mean) -> array` compares the means
    with the published figures."""

    def __init__(self, args, params, scenario, fixed_sets, observables, residuals_of, prefix):
        self.args, self.params, self.scenario, self.fixed_sets = args, params, scenario, fixed_sets
        self.observables, self.residuals_of = observables, residuals_of
        self.workdir = gr.make_workdir(prefix)
        self.evaluations = 0
        self.cache = {}

    def simulate(self, values):
        key = tuple(round(v, 12) for v in values)
        if key not in self.cache:
            sets = self.fixed_sets + [f"{k}={v:.10g}" for (k, _), v in zip(self.params, values)]
            results = gr.run_replicates(self.args.govsim, self.scenario, sets, self.args.replicates, self.workdir,
                                        f"e{self.evaluations}")
            self.evaluations += 1
            obs = [self.observables(r) for r in results]
            self.cache[key] = {k: float(np.mean([o[k] for o in obs])) for k in obs[0]}
        return self.cache[key]

    def __call__(self, values):
        res = self.residuals_of(self.simulate(values))
        print(f"  eval {self.evaluations:3d}: " + " ".join(f"{v:.4g}" for v in values) +
              f"  -> cost {0.5 * float(res @ res):.4f}", flush=True)
        return res

    def close(self):
        shutil.rmtree(self.workdir, ignore_errors=True)


def search(objective, params, start, max_evaluations, sensitivity):
    """Fits from `start`, then evaluates the fit and its sensitivity; always cleans up the objective.

    Returns (scipy result, fitted values, simulated observables at the fit, residuals, sensitivity rows)."""
    print("calibrate: start " + ", ".join(f"{k}={v:.4g}" for (k, _), v in zip(params, start)))
    try:
        result, values = fit(objective, params, start, max_evaluations)
        mean = objective.simulate(values)
        return result, values, mean, objective.residuals_of(mean), sensitivity(objective, values)
    finally:
        objective.close()
