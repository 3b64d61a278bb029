#!/usr/bin/python3
"""Published figures of a case, read from paper_repro/targets/<case>.toml (format: issue 12 and the
comment at the top of each file).

    import sys; sys.path.insert(0, "analysis")
    import targets
    t = targets.load("jiaxing")                 # or targets.for_scenario("scenarios/jiaxing_weijiayuan.toml")
    t["activity_rate_2020_05"]["value"]        # 0.3
    targets.simulated(t.by_id["registered_users_2020_end"], result)   # from a govsim_results.Result
    targets.check(t.by_id[...], simulated_value)                      # True / False

    /usr/bin/python3 analysis/targets.py jiaxing [RESULT.h5]   # list the targets (against a result)

No script hard-codes a published number: they all read them here.
"""
import math
import os
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS_DIR = os.path.join(ROOT, "paper_repro", "targets")


class Targets:
    """The targets of one case: `.list` in file order, `.by_id`, and the file's header fields."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            data = tomllib.load(f)
        self.case = data["case"]
        self.title = data.get("title", self.case)
        self.scenarios = data.get("scenarios", [])
        self.population_reference = data.get("population_reference")
        self.list = data.get("target", [])
        self.by_id = {}
        for t in self.list:
            if t["id"] in self.by_id:
                raise ValueError(f"{path}: duplicate target id '{t['id']}'")
            if t.get("kind", "point") not in ("point", "lower", "range"):
                raise ValueError(f"{path}: target '{t['id']}': kind must be point, lower or range")
            if t.get("role", "output") not in ("output", "input"):
                raise ValueError(f"{path}: target '{t['id']}': role must be output or input")
            self.by_id[t["id"]] = t

    def __getitem__(self, target_id):
        return self.by_id[target_id]

    def __iter__(self):
        return iter(self.list)

    def key(self):
        return [t for t in self.list if t.get("key")]

    def monthly_points(self, series):
        """[(month, target)] for targets that are a monthly series' value in one month."""
        return [(t["maps_to"]["month"], t) for t in self.list
                if t.get("maps_to", {}).get("series") == series and "month" in t["maps_to"]]


def cases():
    return sorted(f[:-5] for f in os.listdir(TARGETS_DIR) if f.endswith(".toml"))


def load(case):
    path = case if case.endswith(".toml") else os.path.join(TARGETS_DIR, case + ".toml")
    if not os.path.exists(path):
        raise FileNotFoundError(f"no targets for case '{case}' (have: {', '.join(cases())})")
    return Targets(path)


def for_scenario(scenario_path):
    """The targets whose `scenarios` list names this scenario file, or None."""
    name = os.path.basename(scenario_path or "")
    for c in cases():
        t = load(c)
        if name in t.scenarios:
            return t
    return None


def for_result(result):
    """The targets of the case a result file was run from (by its scenario path), or None."""
    return for_scenario(result.provenance.get("scenario_path", ""))


def simulated(target, result, population_reference=None):
    """The simulated quantity a target maps to, read from a govsim_results.Result (nan if absent)."""
    m = target.get("maps_to", {})
    if "series" in m:
        if m["series"] not in result.monthly or m.get("month") not in result.months:
            return float("nan")
        v = result.monthly[m["series"]][result.months.index(m["month"])]
        return float(v.sum()) if getattr(v, "ndim", 0) else float(v)
    if "ratio" in m or "reduction" in m:
        a, b = m.get("ratio") or m.get("reduction")
        va, vb = result.summary.get(a, float("nan")), result.summary.get(b, float("nan"))
        r = va / vb if vb else float("nan")
        return float(r if "ratio" in m else 1 - r)
    if "scalar" in m:
        v = result.summary.get(m["scalar"], float("nan"))
        if m.get("scale") == "population":
            residents = float(result.file_attrs["num_residents"])
            v = v * (population_reference or 0) / residents if population_reference else float("nan")
        return float(v)
    return float("nan")


def bounds(target):
    """(low, high) of the simulated values accepted for a target."""
    v, tol, kind = target["value"], target.get("tolerance", {}), target.get("kind", "point")
    lo, hi = (v if kind != "range" else v[0]), (v if kind != "range" else v[1])
    if "absolute" in tol:
        lo, hi = lo - tol["absolute"], hi + tol["absolute"]
    elif "relative" in tol:
        lo, hi = lo * (1 - tol["relative"]), hi * (1 + tol["relative"])
    elif "factor" in tol:
        lo, hi = lo / tol["factor"], hi * tol["factor"]
    if kind == "lower":
        lo = v  # "more than x": at least x (and, with a factor, not absurdly more)
    return lo, hi


def is_input(target):
    """True for a figure built into the scenario (role = "input"): shown, never scored."""
    return target.get("role") == "input"


def check(target, value):
    """True when `value` is within the target's tolerance ("lower": at or above the bound, and
    within the tolerance above it); None for an input figure, which is never scored."""
    if is_input(target):
        return None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    lo, hi = bounds(target)
    return lo - 1e-12 <= value <= hi + 1e-12


def tolerance_text(target):
    tol = target.get("tolerance", {})
    pct = "share" in target.get("unit", "") or "rate" in target.get("unit", "")
    if "absolute" in tol:
        return f"±{100 * tol['absolute']:.0f} pp" if pct else f"±{tol['absolute']:g}"
    if "relative" in tol:
        return f"±{100 * tol['relative']:.0f} %"
    if "factor" in tol:
        return f"x{tol['factor']:g}"
    return ""


def format_value(target, v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a"
    if "share" in target.get("unit", ""):
        return f"{100 * v:.1f} %"
    if target.get("unit") == "times":
        return f"{v:.2f}"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def published_text(target):
    v = target["value"]
    kind = target.get("kind", "point")
    if kind == "range":
        return f"{format_value(target, v[0])}-{format_value(target, v[1])}"
    return ("> " if kind == "lower" else "") + format_value(target, v)


def comparison_rows(t, result):
    """[(target, simulated, pass)] for every target of `t`, against one result."""
    return [(x, s, check(x, s)) for x in t for s in [simulated(x, result, t.population_reference)]]


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().split("\n\n")[0] + "\n\nusage: targets.py CASE [RESULT.h5]   (cases: "
              + ", ".join(cases()) + ")")
        return 0 if len(argv) >= 2 else 2
    t = load(argv[1])
    result = None
    if len(argv) > 2:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import govsim_results
        result = govsim_results.load(argv[2])
    print(f"{t.title} ({os.path.relpath(t.path, ROOT)}): {len(t.list)} targets")
    for x in t:
        line = f"  {x['id']:<32} {published_text(x):>12}  {tolerance_text(x):>7}  {x['label']}"
        if result is not None:
            s = simulated(x, result, t.population_reference)
            verdict = {None: "input (not scored)", True: "ok", False: "OUTSIDE"}[check(x, s)]
            line += f"  | simulated {format_value(x, s)} {verdict}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
