"""The runs a calibration proposed, read together: every kept part of a `govsim calibrate --keep-parts`
run (a `<posterior>.parts/` directory, or its archive from analysis/calibration_parts.py), without a
new simulation. Used by the paper_repro scripts that ask what a model can do where its calibration
looked (paper_repro/zhejiang_resumption_limit.py, paper_repro/zhejiang_city_split.py).

Every run is one particle the ABC-SMC proposed (generation 0 from the prior, later ones around the
accepted particles), so the runs cover the parameter space the calibration explored, densest near
the posterior; they are not a designed or posterior sample, and statistics over them say what the
model can do there, not how probable it is.
"""
import io
import os
import re
import tarfile
import tomllib

import h5py
import numpy as np
from scipy import stats

PART = re.compile(r"(^|/)run-(\d{9})\.h5$")
NOT_PARAMETERS = ("run.seed", "run.index")  # differ between runs without being fitted


def read_parts(path, limit, read_run, fail):
    """[read_run(h5 file, where) for each part of a parts directory or archive], in run order, at
    most `limit` when given; `fail(message)` for what cannot be read (it must not return)."""
    runs = []
    if os.path.isdir(path):
        names = sorted(n for n in os.listdir(path) if PART.search(n))
        for n in names[:limit]:
            try:
                with h5py.File(os.path.join(path, n), "r") as f:
                    runs.append(read_run(f, os.path.join(path, n)))
            except OSError as e:
                fail(f"{os.path.join(path, n)}: cannot read as HDF5: {e}")
    elif os.path.isfile(path):
        try:
            with tarfile.open(path, "r:*") as tar:
                for m in tar:
                    if limit is not None and len(runs) >= limit:
                        break
                    if not m.isfile() or not PART.search(m.name):
                        continue
                    data = tar.extractfile(m).read()
                    with h5py.File(io.BytesIO(data), "r") as f:
                        runs.append(read_run(f, f"{path}:{m.name}"))
        except (tarfile.TarError, OSError) as e:
            fail(f"{path}: cannot read as a parts archive: {e}")
    else:
        fail(f"{path}: no such directory or archive")
    if len(runs) < 3:
        fail(f"{path}: {len(runs)} run(s) found, need at least 3 (run-NNNNNNNNN.h5 parts)")
    return runs


def flatten(table, prefix=""):
    """A resolved scenario's numeric and boolean values as {'section.key': float}."""
    out = {}
    for k, v in table.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, name + "."))
        elif isinstance(v, (bool, int, float)):
            out[name] = float(v)
    return out


def parameters(f):
    """A part's parameters: its resolved scenario (/provenance/scenario_resolved) flattened.
    Raises KeyError, tomllib.TOMLDecodeError or UnicodeDecodeError on a part without one."""
    return flatten(tomllib.loads(f["provenance/scenario_resolved"][()].decode()))


def varying(runs):
    """{parameter: values over the runs} for every parameter that differs between runs (the fitted ones)."""
    names = sorted(set().union(*(r["params"] for r in runs)))
    out = {}
    for n in names:
        v = np.array([r["params"].get(n, np.nan) for r in runs])
        if np.all(np.isfinite(v)) and np.ptp(v) > 0 and n not in NOT_PARAMETERS:
            out[n] = v
    return out


def spearman(x, y):
    """Spearman's rho, or None when either side is constant."""
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return round(float(stats.spearmanr(x, y).statistic), 3)


def quantiles(v):
    """5 %, 50 %, 95 % quantiles, min and max (None for no values)."""
    if len(v) == 0:
        return None
    q = np.quantile(v, [0.05, 0.5, 0.95])
    return {"q05": round(float(q[0]), 4), "median": round(float(q[1]), 4), "q95": round(float(q[2]), 4),
            "min": round(float(np.min(v)), 4), "max": round(float(np.max(v)), 4)}


def add_arguments(ap, default_parts, band, band_help):
    """The command line the scripts over a calibration's runs share: PARTS, --band LO HI (a range of
    some fitted quantity, `band` by default), --limit N and --small (the first 40 runs)."""
    ap.add_argument("parts", nargs="?", default=default_parts,
                    help="a <posterior>.parts directory or its .tar.xz archive (default: the committed archive, "
                         f"{os.path.relpath(default_parts, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))})")
    ap.add_argument("--band", nargs=2, type=float, default=list(band), metavar=("LO", "HI"),
                    help=f"{band_help} (default {band[0]:g} {band[1]:g})")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N runs")
    ap.add_argument("--small", action="store_true", help="the first 40 runs only: a smoke test")


def check_arguments(ap, args):
    """--small as a limit of 40 runs; a band with 0 <= LO < HI and a limit of at least 3 (usage error otherwise)."""
    if args.small:
        args.limit = min(args.limit or 40, 40)
    if args.band[0] >= args.band[1] or args.band[0] < 0:
        ap.error(f"--band {args.band[0]:g} {args.band[1]:g}: expected 0 <= LO < HI")
    if args.limit is not None and args.limit < 3:
        ap.error(f"--limit {args.limit}: expected at least 3")


def source_name(path, root):
    """The parts' path as an output records it: relative to the source tree when inside it, so that a
    committed output names its input portably."""
    source = os.path.abspath(path)
    return os.path.relpath(source, root) if source.startswith(root + os.sep) else source
