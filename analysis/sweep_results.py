#!/usr/bin/python3
"""Read a govsim sweep result file (`govsim sweep`, `govsim merge`) into numpy arrays.

The layout is the contract of docs/sweep_results_layout.md: one row per run. Run with Debian's
interpreter, which has numpy and h5py:

    /usr/bin/python3 analysis/sweep_results.py sweep.h5                 # short summary
    /usr/bin/python3 analysis/sweep_results.py sweep.h5 --csv runs.csv  # one row per run, for R/pandas

or from Python:

    import sys; sys.path.insert(0, "analysis")
    import sweep_results
    s = sweep_results.load_sweep("sweep.h5")
    s.parameters, s.params            # names [P], values [R, P]
    s.monthly["rate_active_monthly"]  # [R, M] (or [R, M, G] for a grouped series)
    s.column("rate_active_monthly[2020-05]")   # any column by name, see Sweep.column
    points, mean, sd, lo, hi, n = s.by_point(s.column("activity_post"))

Column names (Sweep.column, the CSV header, the --x/--y of plot_sweep.py): a parameter by its
dotted path (or an unambiguous last part of it), a summary scalar by name, `SERIES[pre|mid|post]`
for a phase mean, `SERIES[YYYY-MM]` for one month of a monthly series, `SERIES[YYYY-MM-DD]` for
one day of a daily series; `SERIES[...]{GROUP}` picks a group of a grouped series.
"""
import csv
import os
import re
import stat
import sys
from collections.abc import Mapping

import h5py
import numpy as np

FORMAT = "govsim-sweep"
FORMAT_VERSION = 1
PHASES = ("pre", "mid", "post")
# Datasets every sweep file holds (docs/sweep_results_layout.md); design-specific ones below.
REQUIRED = ("provenance", "design/parameters", "design/lower", "design/upper", "design/scale",
            "runs/index", "runs/point", "runs/replicate", "runs/seed", "runs/params",
            "time/daily/date", "time/monthly/month", "series/daily", "series/monthly",
            "summary/scalars", "summary/phase_means")
REQUIRED_BY_KIND = {
    "saltelli": ("runs/saltelli_matrix", "runs/saltelli_sample"),
    "morris": ("runs/morris_trajectory", "runs/morris_step", "runs/morris_changed"),
}


# Limits of what is read into memory from one dataset (the same as govsim's C++ reader).
MAX_READ_BYTES = 2 << 30      # 2 GiB
MAX_STRING_BYTES = 64 << 20   # 64 MiB per fixed-length string element
# What h5py and numpy raise on files that are damaged or not laid out as expected.
READ_ERRORS = (OSError, KeyError, TypeError, ValueError, RuntimeError, MemoryError, AttributeError,
               IndexError)


class SweepFormatError(ValueError):
    """The file is not a readable sweep file; the message names the file and what is wrong. The one
    exception type load_sweep (and reading a series later) raises for a damaged file: missing, not
    a regular file, not HDF5, truncated, missing or mistyped datasets, sizes beyond the limits."""


def _check_regular_file(path):
    try:
        st = os.stat(path)
    except OSError as e:
        raise SweepFormatError(f"{path}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise SweepFormatError(f"{path}: is a directory, not a sweep file")
    if not stat.S_ISREG(st.st_mode):
        raise SweepFormatError(f"{path}: not a regular file (a FIFO, device or socket)")


def _read(ds, path):
    """The whole of dataset `ds` after checking its kind and declared size."""
    if not isinstance(ds, h5py.Dataset):
        raise SweepFormatError(f"{path}: {getattr(ds, 'name', ds)} is not a dataset")
    itemsize = ds.dtype.itemsize
    if ds.dtype.kind == "S" and itemsize > MAX_STRING_BYTES:
        raise SweepFormatError(f"{path}: {ds.name}: declares strings of {itemsize} bytes each, over the "
                               f"reader's limit of {MAX_STRING_BYTES >> 20} MiB per string")
    if ds.size * max(itemsize, 1) > MAX_READ_BYTES:
        raise SweepFormatError(f"{path}: {ds.name}: declares {ds.size} elements of {itemsize} bytes, over "
                               f"the reader's limit of {MAX_READ_BYTES >> 30} GiB")
    return ds[()]


def _text(value):
    """HDF5 strings (bytes, str, numpy scalars or string arrays) as Python str / list of str."""
    if isinstance(value, bytes):
        return value.decode("utf-8").rstrip("\0")
    if isinstance(value, np.ndarray) and value.dtype.kind in "SOU":
        return [_text(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _attrs(obj):
    return {k: _text(v) for k, v in obj.attrs.items()}


def replicate_stats(values, point):
    """Replicates per design point: (points, mean, sd, min, max, n), each [number of points], points
    in increasing order. sd is the sample standard deviation over replicates (NaN with one)."""
    values = np.asarray(values, dtype=float)
    points, inverse, counts = np.unique(np.asarray(point), return_inverse=True, return_counts=True)
    mean = np.bincount(inverse, values) / counts
    sq = np.bincount(inverse, (values - mean[inverse]) ** 2)
    sd = np.where(counts > 1, np.sqrt(sq / np.maximum(counts - 1, 1)), np.nan)
    lo = np.full(len(points), np.inf)
    hi = np.full(len(points), -np.inf)
    np.minimum.at(lo, inverse, values)
    np.maximum.at(hi, inverse, values)
    return points, mean, sd, lo, hi, counts


class LazySeries(Mapping):
    """name -> array of one group of series, read from the file on first use and then kept: a
    sweep's daily series can run to gigabytes, of which an analysis usually needs one."""

    def __init__(self, path, group, names):
        self._path, self._group, self._names, self._cache = path, group, sorted(names), {}

    def __getitem__(self, name):
        if name not in self._cache:
            if name not in self._names:
                raise KeyError(name)
            _check_regular_file(self._path)
            try:
                with h5py.File(self._path, "r") as f:
                    self._cache[name] = _read(f[self._group][name], self._path)
            except SweepFormatError:
                raise
            except READ_ERRORS as e:
                raise SweepFormatError(f"{self._path}: cannot read /{self._group}/{name} "
                                       f"({type(e).__name__}: {e})") from None
        return self._cache[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)


class Sweep:
    """Everything in one sweep file, as plain Python / numpy objects (see the module docstring)."""

    def __init__(self, path):
        self.path = path
        _check_regular_file(path)
        try:
            f = h5py.File(path, "r")
        except OSError as e:
            raise SweepFormatError(f"{path}: cannot open as HDF5 ({e})") from None
        try:
            with f:
                self._check(f)
                self.attrs = _attrs(f)
                self.model = self.attrs.get("model", "")
                self.complete = bool(self.attrs.get("complete", 0))
                self._read_provenance(f["provenance"])
                self._read_design(f)
                self._read_series(f)
        except SweepFormatError:
            raise
        except READ_ERRORS as e:
            raise SweepFormatError(f"{path}: damaged sweep file ({type(e).__name__}: {e})") from None

    def _fail(self, what):
        raise SweepFormatError(f"{self.path}: {what}")

    def _check(self, f):
        fmt = _text(f.attrs.get("format", b""))
        if fmt != FORMAT:
            self._fail(f"not a govsim sweep file (format attribute {fmt!r}, expected {FORMAT!r})")
        version = _text(f.attrs.get("format_version", -1))
        if version != FORMAT_VERSION:
            self._fail(f"format_version {version}, this reader understands {FORMAT_VERSION}")
        kind = _text(f["design"].attrs.get("kind", "")) if "design" in f else ""
        for name in REQUIRED + REQUIRED_BY_KIND.get(kind, ()):
            if name not in f:
                self._fail(f"missing /{name} (design kind {kind!r})")

    def _read_provenance(self, prov):
        self.provenance = _attrs(prov)
        for name, ds in prov.items():
            self.provenance[name] = _text(_read(ds, self.path))

    def _read_design(self, f):
        d, runs = f["design"], f["runs"]
        self.parameters = _text(_read(d["parameters"], self.path))
        params = _read(runs["params"], self.path)
        if params.dtype.kind not in "iuf":
            self._fail(f"/runs/params: expected numbers, got {params.dtype}")
        self.params = np.asarray(params, dtype=float).reshape(-1, len(self.parameters))
        self.index = _read(runs["index"], self.path)
        self.point = _read(runs["point"], self.path)
        self.replicate = _read(runs["replicate"], self.path)
        self.seed = _read(runs["seed"], self.path)
        self.wall_time_s = _read(runs["wall_time_s"], self.path) if "wall_time_s" in runs else None
        self.num_runs = len(self.index)
        for name in ("index", "point", "replicate", "seed"):
            col = getattr(self, name)
            if col.dtype.kind not in "iu" or col.shape != (self.num_runs,):
                self._fail(f"/runs/{name}: expected {self.num_runs} integers, got {col.dtype} {list(col.shape)}")
        if self.params.shape[0] != self.num_runs:
            self._fail(f"/runs/params has {self.params.shape[0]} rows, /runs/index {self.num_runs}")
        self.design = _attrs(d)
        self.kind = self.design.get("kind", "")
        self.replicates = int(self.design.get("replicates", 1))
        self.base_samples = int(self.design.get("base_samples", 0))
        self.seed_mode = self.design.get("seed_mode", "")
        self.lower = _read(d["lower"], self.path).astype(float)
        self.upper = _read(d["upper"], self.path).astype(float)
        self.scale = _text(_read(d["scale"], self.path))
        for name in ("saltelli_matrix", "saltelli_sample", "morris_trajectory", "morris_step",
                     "morris_changed"):
            setattr(self, name, _read(runs[name], self.path) if name in runs else None)

    def _read_series(self, f):
        self.dates = _text(_read(f["time/daily/date"], self.path))
        self.months = _text(_read(f["time/monthly/month"], self.path))
        self.daily = LazySeries(self.path, "series/daily", list(f["series/daily"]))
        self.monthly = LazySeries(self.path, "series/monthly", list(f["series/monthly"]))
        self.series_attrs = {}
        for group in ("series/daily", "series/monthly"):
            for name, ds in f[group].items():
                self.series_attrs.setdefault(name, _attrs(ds))
        self.summary = {k: _read(ds, self.path).astype(float) for k, ds in f["summary/scalars"].items()}
        self.summary_attrs = {k: _attrs(ds) for k, ds in f["summary/scalars"].items()}
        self.phase_means = {k: _read(ds, self.path).astype(float) for k, ds in f["summary/phase_means"].items()}

    # ---- columns -------------------------------------------------------------------------
    def unit(self, name):
        """Unit of a series or summary scalar ('' if none)."""
        a = self.series_attrs.get(name) or self.summary_attrs.get(name) or {}
        return a.get("unit", "")

    def groups(self, series):
        g = self.series_attrs.get(series, {}).get("groups", "")
        return g.split(",") if g else []

    def parameter_index(self, name):
        """Column of a parameter given by its dotted path or an unambiguous last part of it."""
        if name in self.parameters:
            return self.parameters.index(name)
        hits = [i for i, p in enumerate(self.parameters) if p.endswith("." + name)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise KeyError(f"{name!r} is ambiguous: {', '.join(self.parameters[i] for i in hits)}")
        raise KeyError(f"no parameter {name!r}")

    def column(self, name):
        """Values [R] of a named column (module docstring): parameter, summary scalar, phase mean,
        one month or day of a series, optionally one group of a grouped series."""
        m = re.fullmatch(r"([^\[\]{}]+)(?:\[([^\]]+)\])?(?:\{([^}]+)\})?", name.strip())
        if not m:
            raise KeyError(f"cannot parse column name {name!r}")
        base, where, group = m.groups()
        if where is None and group is None:
            if base in self.summary:
                return self.summary[base]
            try:
                return self.params[:, self.parameter_index(base)]
            except KeyError:
                raise KeyError(f"no parameter or summary scalar {base!r} (series need "
                               f"[pre|mid|post], [YYYY-MM] or [YYYY-MM-DD])") from None
        if where in PHASES:
            if base not in self.phase_means:
                raise KeyError(f"no phase mean of {base!r}")
            values = self.phase_means[base][:, PHASES.index(where)]
        else:
            table, times = ((self.monthly, self.months) if len(where) == 7
                            else (self.daily, self.dates))
            if base not in table:
                raise KeyError(f"no {'monthly' if table is self.monthly else 'daily'} series {base!r}")
            if where not in times:
                raise KeyError(f"{where!r} is outside {times[0]}..{times[-1]}")
            values = table[base][:, times.index(where)]
        if values.ndim == 2:
            groups = self.groups(base)
            if group is None:
                raise KeyError(f"{base!r} is grouped by {groups}: add {{GROUP}} to the column name")
            if group not in groups:
                raise KeyError(f"{base!r} has no group {group!r} (groups {groups})")
            values = values[:, groups.index(group)]
        elif group is not None:
            raise KeyError(f"{base!r} is not a grouped series")
        return np.asarray(values, dtype=float)

    def by_point(self, values):
        """Replicates per design point: see replicate_stats."""
        return replicate_stats(values, self.point)

    def point_params(self):
        """Parameter values [number of points, P] of each design point (from its first run)."""
        points, first = np.unique(self.point, return_index=True)
        return self.params[first]

    # ---- export --------------------------------------------------------------------------
    def record_columns(self, monthly=False):
        """Column names of as_records(): run ids, parameters, summary scalars, phase means of every
        ungrouped daily series and, with monthly=True, every month of every ungrouped monthly series."""
        cols = list(self.parameters) + sorted(self.summary)
        cols += [f"{k}[{p}]" for k in sorted(self.phase_means) if self.phase_means[k].ndim == 2
                 for p in PHASES]
        if monthly:
            cols += [f"{k}[{m}]" for k in sorted(self.monthly) if not self.groups(k)
                     for m in self.months]
        return cols

    def as_records(self, monthly=False):
        """One dict per run: run, point, replicate, seed and every column of record_columns()."""
        cols = self.record_columns(monthly)
        data = [self.column(c) for c in cols]
        out = []
        for r in range(self.num_runs):
            rec = {"run": int(self.index[r]), "point": int(self.point[r]),
                   "replicate": int(self.replicate[r]), "seed": int(self.seed[r])}
            rec.update({c: float(v[r]) for c, v in zip(cols, data)})
            out.append(rec)
        return out

    def write_csv(self, path, monthly=False):
        records = self.as_records(monthly)
        with open(path, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(records[0]) if records else ["run"])
            w.writeheader()
            for rec in records:
                w.writerow({k: (repr(v) if isinstance(v, float) else v) for k, v in rec.items()})

    def describe(self):
        """A few lines saying what the file holds."""
        lines = [f"{self.path}: model {self.model}, {self.kind} design, {self.num_runs} runs "
                 f"({self.base_samples} base samples x {self.replicates} replicates, seeds "
                 f"{self.seed_mode}){'' if self.complete else ', INCOMPLETE (shard)'}",
                 f"  {self.dates[0]} to {self.dates[-1]} ({len(self.dates)} days, "
                 f"{len(self.months)} months)", "  parameters:"]
        for j, name in enumerate(self.parameters):
            col = self.params[:, j]
            rng = (f"[{self.lower[j]:g}, {self.upper[j]:g}] {self.scale[j]}"
                   if np.isfinite(self.lower[j]) else "explicit values")
            lines.append(f"    {name:<44} {rng:<28} sampled {col.min():.4g}..{col.max():.4g}")
        lines.append(f"  {len(self.daily)} daily and {len(self.monthly)} monthly series, "
                     f"{len(self.summary)} summary scalars:")
        for name in sorted(self.summary):
            v = self.summary[name]
            lines.append(f"    {name:<44} {self.unit(name):<14} mean {np.nanmean(v):.4g}  "
                         f"range {np.nanmin(v):.4g}..{np.nanmax(v):.4g}")
        return "\n".join(lines)


def load_sweep(path):
    return Sweep(path)


CLI_ERRORS = (SweepFormatError,) + READ_ERRORS


def error_line(prog, path, e):
    """The one-line error of a command-line tool: `prog: error: path: what is wrong`."""
    msg = str(e.args[0]) if isinstance(e, KeyError) and e.args else str(e)
    return f"{prog}: error: {msg if msg.startswith(str(path)) else f'{path}: {msg}'}"


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="sweep_results.py", description=__doc__.split("\n")[0])
    ap.add_argument("sweep", help="sweep result file (HDF5)")
    ap.add_argument("--csv", metavar="OUT", help="write one row per run to this CSV file")
    ap.add_argument("--monthly", action="store_true",
                    help="with --csv: add a column per month of every monthly series")
    args = ap.parse_args(argv[1:])
    try:
        s = load_sweep(args.sweep)
        if args.csv:
            s.write_csv(args.csv, monthly=args.monthly)
        text = s.describe()
    except CLI_ERRORS as e:
        print(error_line("sweep_results", args.sweep, e), file=sys.stderr)
        return 1
    print(text)
    if args.csv:
        print(f"wrote {args.csv} ({s.num_runs} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
