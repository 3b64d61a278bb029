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
"""
import sys

import h5py
import numpy as np


def _text(value):
    if isinstance(value, bytes):
        return value.decode("utf-8").rstrip("\0")
    if isinstance(value, np.ndarray) and value.dtype.kind == "S":
        return [v.decode("utf-8").rstrip("\0") for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


class Result:
    """Everything in one result file, as plain Python / numpy objects."""

    def __init__(self, path):
        self.path = path
        with h5py.File(path, "r") as f:
            if _text(f.attrs.get("format", b"")) != "govsim-results":
                raise ValueError(f"{path}: not a govsim result file")
            self.file_attrs = {k: _text(v) for k, v in f.attrs.items()}
            prov = f["provenance"]
            self.provenance = {k: _text(v) for k, v in prov.attrs.items()}
            for name in ("scenario_source", "scenario_resolved"):
                self.provenance[name] = _text(prov[name][()])
            daily = f["time/daily"]
            self.dates = np.array(_text(daily["date"][()]), dtype="datetime64[D]")
            self.phase = daily["phase"][()]
            self.phase_labels = _text(daily["phase"].attrs["labels"]).split(",")
            self.intensity = daily["intensity"][()]
            self.months = _text(f["time/monthly/month"][()])
            self.month_days = f["time/monthly/days"][()]
            self.daily = {k: v[()] for k, v in f["series/daily"].items()}
            self.monthly = {k: v[()] for k, v in f["series/monthly"].items()}
            self._attrs = {}
            for group in ("series/daily", "series/monthly"):
                for k, v in f[group].items():
                    self._attrs.setdefault(k, {k2: _text(v2) for k2, v2 in v.attrs.items()})
            self.summary = {k: float(v[()]) for k, v in f["summary/scalars"].items()}
            self.phase_means = {k: v[()] for k, v in f["summary/phase_means"].items()}
            self.network = {k: _text(v) for k, v in f["network/social"].attrs.items()}

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
    except (OSError, ValueError, KeyError) as e:
        print(f"govsim_results: error: {argv[1]}: {e}", file=sys.stderr)
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
