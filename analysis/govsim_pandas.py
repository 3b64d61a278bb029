#!/usr/bin/python3
"""A govsim result file as pandas DataFrames (Debian: apt-get install python3-pandas).

    import sys; sys.path.insert(0, "analysis")
    import govsim_pandas as gp
    daily   = gp.daily_frame("jiaxing.h5")     # DatetimeIndex; one column per series (per group)
    monthly = gp.monthly_frame("jiaxing.h5")   # PeriodIndex (M)
    tidy    = gp.long_frame("jiaxing.h5")      # frequency, date, series, group, value, unit:
                                               # the same rows as `govsim export --long`
    scalars = gp.scalars_frame("jiaxing.h5")   # name -> value, unit, description
    runs    = gp.sweep_frame("sweep.h5")       # a sweep: one row per run (parameters, outputs)

Grouped series become one column per group, named "<series>/<group>" (wide frames) or rows with
`group` set (tidy frame; ungrouped series have group "all", as in the CSV export). The daily frame
also has the columns `phase` (pre / mid / post) and `intensity`.

    /usr/bin/python3 analysis/govsim_pandas.py RESULT.h5    # print the monthly frame

Without pandas, `analysis/govsim_results.py` gives the same data as numpy arrays.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import govsim_results  # noqa: E402

try:
    import pandas as pd
except ImportError:  # pragma: no cover - depends on the machine
    pd = None


def _need_pandas():
    if pd is None:
        raise ImportError("pandas is not installed (Debian: apt-get install python3-pandas); "
                          "analysis/govsim_results.py reads the same file into numpy arrays")


def _result(r):
    return r if isinstance(r, govsim_results.Result) else govsim_results.load(r)


def _wide(r, series, index):
    cols = {}
    for name in sorted(series):
        v = series[name]
        if v.ndim == 1:
            cols[name] = v
        else:
            groups = r.groups(name) or [str(i) for i in range(v.shape[1])]
            for j, g in enumerate(groups):
                cols[f"{name}/{g}"] = v[:, j]
    return pd.DataFrame(cols, index=index)


def daily_frame(result):
    """One row per day (DatetimeIndex 'date'), one column per series (per group), plus phase, intensity."""
    _need_pandas()
    r = _result(result)
    df = _wide(r, r.daily, pd.DatetimeIndex(r.dates, name="date"))
    df.insert(0, "phase", pd.Categorical([r.phase_labels[p] for p in r.phase], categories=r.phase_labels))
    df.insert(1, "intensity", r.intensity)
    return df


def monthly_frame(result):
    """One row per calendar month (PeriodIndex 'month'), one column per monthly series (per group)."""
    _need_pandas()
    r = _result(result)
    return _wide(r, r.monthly, pd.PeriodIndex(r.months, freq="M", name="month"))


def long_frame(result):
    """Tidy: frequency, date (YYYY-MM-DD or YYYY-MM, as text), series, group, value, unit."""
    _need_pandas()
    r = _result(result)
    parts = []
    for freq, series, when in (("daily", r.daily, [str(d) for d in r.dates]), ("monthly", r.monthly, r.months)):
        for name in sorted(series):
            v = series[name]
            unit = r.attrs(name).get("unit", "")
            groups = ["all"] if v.ndim == 1 else (r.groups(name) or [str(i) for i in range(v.shape[1])])
            vals = v.reshape(len(when), -1)
            for j, g in enumerate(groups):
                parts.append(pd.DataFrame({"frequency": freq, "date": when, "series": name, "group": g,
                                           "value": vals[:, j], "unit": unit}))
    return pd.concat(parts, ignore_index=True)


def scalars_frame(result):
    """Summary scalars: index name; columns value, unit, description."""
    _need_pandas()
    r = _result(result)
    import h5py
    rows = []
    with h5py.File(r.path, "r") as f:
        for name, d in f["summary/scalars"].items():
            a = {k: govsim_results._text(v) for k, v in d.attrs.items()}
            rows.append({"name": name, "value": float(d[()]), "unit": a.get("unit", ""),
                         "description": a.get("description", "")})
    return pd.DataFrame(rows).set_index("name")


def sweep_frame(path, monthly=False):
    """A sweep file (govsim sweep / merge) as one row per run: run, point, replicate, seed, every
    parameter, summary scalar and phase mean (and, with monthly=True, every month of every
    ungrouped monthly series): the rows of analysis/sweep_results.py's Sweep.as_records()."""
    _need_pandas()
    import sweep_results
    s = sweep_results.load_sweep(path)
    return pd.DataFrame(s.as_records(monthly=monthly))


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    try:
        _need_pandas()
        df = monthly_frame(argv[1])
    except (ImportError, OSError, ValueError, KeyError) as e:
        print(f"govsim_pandas: error: {e}", file=sys.stderr)
        return 1
    with pd.option_context("display.width", 160, "display.max_columns", 12):
        print(df)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
