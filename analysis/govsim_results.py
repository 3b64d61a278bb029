#!/usr/bin/python3
"""Read a govsim result file (HDF5) into numpy arrays.

Run with Debian's interpreter, which has numpy and h5py:

    /usr/bin/python3 analysis/govsim_results.py results.h5      # print a summary

or from Python:

    import sys; sys.path.insert(0, "analysis")
    import govsim_results
    r = govsim_results.load("results.h5")
    r.dates, r.daily[name], r.months, r.monthly[name], r.provenance["seed"]

where `name` is one of r.daily.keys(): the series differ by model (e.g. "rate_active" in the
reference model, "n_registered" in Jiaxing's); `govsim info FILE` lists them with their values.

As pandas DataFrames (python3-pandas): govsim_results.to_dataframe("results.h5", "monthly"), or
analysis/govsim_pandas.py. As CSV: `govsim export results.h5 --long results.csv`.

The layout is documented in docs/results_layout.md.

Errors: every way a file can be unusable (missing, not a regular file, not HDF5, truncated, not a
govsim result, missing or mistyped datasets, declared sizes beyond the reader's limits) raises
ResultFormatError, whose message names the file and what is wrong; run as a script, that message
is printed as one line, `govsim_results: error: ...`, with exit status 1.
"""
import os
import stat
import sys

import h5py
import numpy as np

# Limits of what is read into memory from one dataset (the same as govsim's C++ reader): a
# damaged or hostile file may declare any size in a few bytes.
MAX_READ_BYTES = 2 << 30      # 2 GiB
MAX_STRING_BYTES = 64 << 20   # 64 MiB per fixed-length string element
# What h5py and numpy raise on files that are damaged or not laid out as expected.
READ_ERRORS = (OSError, KeyError, TypeError, ValueError, RuntimeError, MemoryError, AttributeError,
               IndexError)


class ResultFormatError(ValueError):
    """The file is not a readable govsim result; the message names the file and what is wrong."""


def check_regular_file(path, error=ResultFormatError):
    """Raises `error` unless `path` is an existing regular file (a FIFO would block h5py forever)."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise error(f"{path}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(f"{path}: is a directory, not a result file")
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path}: not a regular file (a FIFO, device or socket)")


def read_dataset(ds, path, error=ResultFormatError):
    """The whole of dataset `ds`, after checking that it is one and that its declared size is
    within the limits above."""
    if not isinstance(ds, h5py.Dataset):
        raise error(f"{path}: {getattr(ds, 'name', ds)} is not a dataset")
    itemsize = ds.dtype.itemsize
    if ds.dtype.kind == "S" and itemsize > MAX_STRING_BYTES:
        raise error(f"{path}: {ds.name}: declares strings of {itemsize} bytes each, over the reader's "
                    f"limit of {MAX_STRING_BYTES >> 20} MiB per string")
    if ds.size * max(itemsize, 1) > MAX_READ_BYTES:
        raise error(f"{path}: {ds.name}: declares {ds.size} elements of {itemsize} bytes, over the "
                    f"reader's limit of {MAX_READ_BYTES >> 30} GiB")
    return ds[()]


def _text(value):
    """HDF5 strings (fixed or variable length: bytes, str, numpy scalars or arrays) as str / list."""
    if isinstance(value, bytes):
        return value.decode("utf-8").rstrip("\0")
    if isinstance(value, np.ndarray) and value.dtype.kind in "SOU":
        return [_text(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


class Result:
    """Everything in one result file, as plain Python / numpy objects."""

    def __init__(self, path):
        self.path = path
        check_regular_file(path)
        try:
            self._load(path)
        except ResultFormatError:
            raise
        except READ_ERRORS as e:
            raise ResultFormatError(f"{path}: damaged govsim result ({type(e).__name__}: {e})") from None

    def _load(self, path):
        def read(ds):
            return read_dataset(ds, path)
        try:
            f = h5py.File(path, "r")
        except OSError as e:
            raise ResultFormatError(f"{path}: cannot open as HDF5 ({e})") from None
        with f:
            if _text(f.attrs.get("format", b"")) != "govsim-results":
                raise ResultFormatError(f"{path}: not a govsim result file")
            self.file_attrs = {k: _text(v) for k, v in f.attrs.items()}
            prov = f["provenance"]
            self.provenance = {k: _text(v) for k, v in prov.attrs.items()}
            for name in ("scenario_source", "scenario_resolved"):
                self.provenance[name] = _text(read(prov[name]))
            daily = f["time/daily"]
            self.dates = np.array(_text(read(daily["date"])), dtype="datetime64[D]")
            self.phase = read(daily["phase"])
            self.phase_labels = _text(daily["phase"].attrs["labels"]).split(",")
            self.intensity = read(daily["intensity"])
            self.months = _text(read(f["time/monthly/month"]))
            self.month_days = read(f["time/monthly/days"])
            self.daily = {k: read(v) for k, v in f["series/daily"].items()}
            self.monthly = {k: read(v) for k, v in f["series/monthly"].items()}
            self._attrs = {}
            for group in ("series/daily", "series/monthly"):
                for k, v in f[group].items():
                    self._attrs.setdefault(k, {k2: _text(v2) for k2, v2 in v.attrs.items()})
            self.summary = {k: float(read(v)) for k, v in f["summary/scalars"].items()}
            self.phase_means = {k: read(v) for k, v in f["summary/phase_means"].items()}
            # Only models that read the social network (or a component that does) have one.
            self.network = ({k: _text(v) for k, v in f["network/social"].attrs.items()}
                            if "network/social" in f else {})
        if len(self.dates) == 0:
            raise ResultFormatError(f"{path}: /time/daily/date is empty")
        for group, table in (("series/daily", self.daily), ("series/monthly", self.monthly)):
            rows = len(self.dates) if group == "series/daily" else len(self.months)
            for k, v in table.items():
                v = np.asarray(v)
                if v.dtype.kind not in "iuf" or v.ndim not in (1, 2) or v.shape[0] != rows:
                    raise ResultFormatError(f"{path}: /{group}/{k}: expected numbers of shape [{rows}] or "
                                            f"[{rows}, groups], got {v.dtype} {list(v.shape)}")

    def attrs(self, series):
        """Attributes of a series: unit, description, kind, monthly_aggregation, groups..."""
        return self._attrs[series]

    def groups(self, series):
        g = self._attrs[series].get("groups")
        return g.split(",") if g else []


def load(path):
    return Result(path)


def main(argv):
    if len(argv) == 2 and argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(argv) != 2:
        print("usage: govsim_results.py RESULT.h5", file=sys.stderr)
        return 2
    try:
        r = load(argv[1])
    except ResultFormatError as e:
        print(f"govsim_results: error: {e}", file=sys.stderr)
        return 1
    p = r.provenance
    print(f"{r.path}: model {r.file_attrs['model']}, seed {p['seed']}, "
          f"{r.dates[0]} to {r.dates[-1]} ({len(r.dates)} days, {len(r.months)} months)")
    for name, values in sorted(r.daily.items()):
        a = r.attrs(name)
        total = values if values.ndim == 1 else values.sum(axis=1)
        print(f"  {name:<24} {a.get('unit', ''):<12} last {total[-1]:.4g}  max {total.max():.4g}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))


def to_dataframe(path_or_result, frequency="monthly"):
    """The result as a pandas DataFrame ('daily', 'monthly' or 'long'); needs python3-pandas.
    See analysis/govsim_pandas.py."""
    import govsim_pandas
    fn = {"daily": govsim_pandas.daily_frame, "monthly": govsim_pandas.monthly_frame,
          "long": govsim_pandas.long_frame}[frequency]
    return fn(path_or_result)
