#!/usr/bin/python3
"""Event-history analysis of simulated adoption dates: a Cox proportional-hazards model.

Time to a city's health code (the first day of `n_city_code_by_region`) on
  - digital capacity (mean of the standardised college and urban census shares; fixed),
  - neighbour adoption (share of bordering cities with a code the day before; time-varying),
  - province peers (share of the province's other cities with a code the day before; time-varying),
  - epidemic pressure (log(1 + cumulative cases per million) reported the day before; time-varying),
with the baseline hazard stratified by province (the default: then the province peer share, the
same for every city of a province's risk set, drops out and is not estimated), or with one
baseline and the province peer share as a covariate (`--strata none`). Days are
discrete, so many cities adopt on the same day: ties are handled by Breslow's approximation. The
partial likelihood, its gradient and its Hessian are written out below and maximised with
scipy.optimize (trust-region Newton); standard errors come from the inverse of the observed
information. Cities are at risk from the day after the first city code (nothing can be copied
before it); that first city is left out. Several result files (replicates) are pooled, each with
its own risk sets.

    /usr/bin/python3 analysis/adoption_hazard.py RUN.h5 [RUN2.h5 ...] [--json out.json]
"""
import argparse
import csv
import json
import math
import os
import sys

import numpy as np
from scipy import optimize, stats

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DATA = os.path.join(ROOT, "scenarios", "data", "china")
COVARIATES = ["digital_capacity", "neighbour_share", "province_share", "epidemic_pressure"]


# --- the Cox model -----------------------------------------------------------------------------

def _groups(group):
    """Risk-set ids 0..G-1 for the rows' group labels."""
    _, gid = np.unique(group, return_inverse=True)
    return gid, int(gid.max()) + 1 if len(gid) else 0


def partial_likelihood(beta, x, event, gid, n_groups):
    """Breslow log partial likelihood, gradient and Hessian.

    Rows are (subject, day) pairs at risk; `gid` numbers each risk set (a day, within a stratum and
    replicate); `event` is 1 on the row of the day a subject adopts. For risk set g with d_g events:
      l = sum_g [ sum_{i in D_g} x_i b - d_g log S0_g ],  S0 = sum_{R_g} e^{x b},
      dl/db = sum_g [ sum_{D_g} x_i - d_g S1_g / S0_g ],   S1 = sum_{R_g} e^{x b} x,
      d2l/db2 = - sum_g d_g [ S2_g / S0_g - (S1_g / S0_g)(S1_g / S0_g)^T ],  S2 = sum_{R_g} e^{x b} x x^T.
    """
    eta = x @ beta
    eta_max = np.zeros(n_groups)
    np.maximum.at(eta_max, gid, eta)  # per-group shift against overflow (cancels in the ratios)
    w = np.exp(eta - eta_max[gid])
    p = x.shape[1]
    s0 = np.bincount(gid, weights=w, minlength=n_groups)
    s1 = np.zeros((n_groups, p))
    s2 = np.zeros((n_groups, p, p))
    np.add.at(s1, gid, w[:, None] * x)
    np.add.at(s2, gid, w[:, None, None] * x[:, :, None] * x[:, None, :])
    d = np.bincount(gid, weights=event, minlength=n_groups)
    has = d > 0
    ll = float(eta[event > 0].sum() - np.sum(d[has] * (np.log(s0[has]) + eta_max[has])))
    mean1 = s1[has] / s0[has, None]
    grad = x[event > 0].sum(axis=0) - (d[has, None] * mean1).sum(axis=0)
    cov = s2[has] / s0[has, None, None] - mean1[:, :, None] * mean1[:, None, :]
    hess = -(d[has, None, None] * cov).sum(axis=0)
    return ll, grad, hess


def fit_cox(x, event, group, names):
    """Maximises the partial likelihood; returns per-covariate coef, se, HR and 95 % interval."""
    x = np.asarray(x, float)
    event = np.asarray(event, float)
    gid, n_groups = _groups(np.asarray(group))
    p = x.shape[1]
    res = optimize.minimize(lambda b: -partial_likelihood(b, x, event, gid, n_groups)[0], np.zeros(p),
                            jac=lambda b: -partial_likelihood(b, x, event, gid, n_groups)[1],
                            hess=lambda b: -partial_likelihood(b, x, event, gid, n_groups)[2],
                            method="trust-exact", options={"gtol": 1e-9, "maxiter": 500})
    beta = res.x
    ll, grad, hess = partial_likelihood(beta, x, event, gid, n_groups)
    info = -hess
    try:
        cov = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        cov = np.linalg.pinv(info)
    se = np.sqrt(np.clip(np.diag(cov), 0, None))
    z = stats.norm.ppf(0.975)
    rows = []
    for k, name in enumerate(names):
        rows.append({"covariate": name, "coef": float(beta[k]), "se": float(se[k]),
                     "hazard_ratio": float(math.exp(beta[k])),
                     "hr_lower_95": float(math.exp(beta[k] - z * se[k])),
                     "hr_upper_95": float(math.exp(beta[k] + z * se[k])),
                     "p_value": float(2 * stats.norm.sf(abs(beta[k] / se[k]))) if se[k] > 0 else float("nan")})
    # trust-exact may stop short of its own tolerance on a flat optimum; the first-order condition decides.
    converged = bool(res.success) or bool(np.max(np.abs(grad)) < 1e-6 * max(1.0, float(event.sum())))
    return {"converged": converged, "log_partial_likelihood": ll, "events": int(event.sum()),
            "rows_at_risk": int(len(event)), "risk_sets": n_groups, "covariates": rows}


# --- data from a govsim result file --------------------------------------------------------------

def read_regions(data_dir):
    with open(os.path.join(data_dir, "prefectures.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    code = [r["code"] for r in rows]
    zs = []
    for col in ("college_share", "urban_share"):
        v = np.array([float(r[col]) for r in rows])
        zs.append((v - v.mean()) / v.std())
    return {"code": code, "province": [r["parent_code"] for r in rows],
            "population": np.array([float(r["population_2020"]) for r in rows]),
            "capacity": 0.5 * (zs[0] + zs[1])}


def read_borders(data_dir, index):
    nb = [[] for _ in index]
    with open(os.path.join(data_dir, "prefecture_borders.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            a, b = index[r["a"]], index[r["b"]]
            nb[a].append(b)
            nb[b].append(a)
    return nb


def read_cases(data_dir, index, dates):
    """Cumulative cases [region, day] on the run's dates (0 before the first report, carried forward)."""
    pos = {d: k for k, d in enumerate(dates)}
    cum = np.full((len(index), len(dates)), np.nan)
    with open(os.path.join(data_dir, "prefecture_cases.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            if r["date"] in pos and r["code"] in index:
                cum[index[r["code"]], pos[r["date"]]] = float(r["cumulative_confirmed"])
    for i in range(cum.shape[0]):
        last = 0.0
        for t in range(cum.shape[1]):
            if np.isnan(cum[i, t]):
                cum[i, t] = last
            last = cum[i, t]
    return cum


def read_run(path):
    import h5py
    with h5py.File(path, "r") as f:
        ds = f["series/daily/n_city_code_by_region"]
        live = ds[:]
        groups = ds.attrs["groups"]  # one comma-separated string of region codes
        groups = groups.decode() if isinstance(groups, bytes) else str(groups)
        codes = groups.split(",")
        dates = [d.decode() if isinstance(d, bytes) else str(d) for d in f["time/daily/date"][:]]
    return live, codes, dates


def person_days(live, codes, dates, regions, borders, cases, strata):
    """Rows (city, day) at risk with their covariates, the event flag and the risk-set label."""
    index = {c: i for i, c in enumerate(regions["code"])}
    order = [index[c] for c in codes]  # result columns -> region table rows
    T, n = live.shape
    adopted = live > 0.5
    first_day = np.where(adopted.any(axis=0), adopted.argmax(axis=0), T)
    origin = int(first_day.min()) if n else T
    prov = np.array([regions["province"][order[j]] for j in range(n)])
    pop = regions["population"][order]
    per_million = cases[order] * 1e6 / pop[:, None]
    col_of_row = {r: j for j, r in enumerate(order)}
    nb = [[col_of_row[k] for k in borders[order[j]] if k in col_of_row] for j in range(n)]
    prov_members = {}
    for j, pcode in enumerate(prov):
        prov_members.setdefault(pcode, []).append(j)
    xs, ev, grp = [], [], []
    for t in range(origin + 1, T):
        prev = adopted[t - 1]
        for j in range(n):
            if first_day[j] < t or first_day[j] == origin:
                continue
            nbs = nb[j]
            nshare = float(np.mean(prev[nbs])) if nbs else 0.0
            peers = [k for k in prov_members[prov[j]] if k != j]
            pshare = float(np.mean(prev[peers])) if peers else 0.0
            pressure = math.log1p(per_million[j, t - 1]) if t >= 1 else 0.0
            xs.append([regions["capacity"][order[j]], nshare, pshare, pressure])
            ev.append(1 if first_day[j] == t else 0)
            grp.append(f"{t}|{prov[j]}" if strata == "province" else f"{t}")
    return np.array(xs).reshape(-1, 4), np.array(ev), np.array(grp)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Cox model of simulated health-code adoption dates.")
    ap.add_argument("results", nargs="+", help="govsim result files of the health_code model (replicates)")
    ap.add_argument("--data", default=DATA, help="folder with prefectures.csv, prefecture_borders.csv, "
                    "prefecture_cases.csv (default: scenarios/data/china)")
    ap.add_argument("--strata", choices=["province", "none"], default="province",
                    help="baseline hazard per province (default) or one for all")
    ap.add_argument("--json", help="write the table as JSON here")
    a = ap.parse_args(argv)
    regions = read_regions(a.data)
    index = {c: i for i, c in enumerate(regions["code"])}
    borders = read_borders(a.data, index)
    xs, ev, grp = [], [], []
    for k, path in enumerate(a.results):
        live, codes, dates = read_run(path)
        cases = read_cases(a.data, index, dates)
        x, e, g = person_days(live, codes, dates, regions, borders, cases, a.strata)
        xs.append(x)
        ev.append(e)
        grp.append(np.array([f"{k}|{s}" for s in g]))
    x, e, g = np.vstack(xs), np.concatenate(ev), np.concatenate(grp)
    if e.sum() == 0:
        sys.exit("adoption_hazard: no adoption after the first city code in the result files")
    keep = [k for k, name in enumerate(COVARIATES) if not (a.strata == "province" and name == "province_share")]
    out = fit_cox(x[:, keep], e, g, [COVARIATES[k] for k in keep])
    out.update({"results": [os.path.abspath(p) for p in a.results], "strata": a.strata,
                "ties": "Breslow", "interval": "95 % Wald, exp(coef +- 1.96 se)"})
    print(f"Cox model of time to adoption: {out['events']} adoptions, {out['rows_at_risk']} city-days at risk, "
          f"strata = {a.strata}, ties = Breslow, converged = {out['converged']}")
    print(f"{'covariate':<20} {'HR':>8} {'95 % interval':>20} {'p':>9}")
    for r in out["covariates"]:
        print(f"{r['covariate']:<20} {r['hazard_ratio']:8.3f} [{r['hr_lower_95']:8.3f}, {r['hr_upper_95']:8.3f}] "
              f"{r['p_value']:9.2g}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)
    return out


if __name__ == "__main__":
    main()
