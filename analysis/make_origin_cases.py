#!/usr/bin/python3
"""Derive scenarios/data/zhejiang/origin_cases.csv from the national case and census tables (issue 13).

Zhejiang's returning migrant workers came back from the rest of mainland China in February and
March 2020. The chance that one was infected on arrival follows the epidemic where they came from,
so the Zhejiang model reads, for each day, the confirmed cases reported so far in mainland China
outside Hubei (whose residents are the model's separate Hubei-linked travellers) and outside
Zhejiang itself, and the 2020 census population of those units. It turns them into recent cases
per resident (docs/zhejiang_model.md, "Importation").

Inputs (both already in the project, with their source lines): scenarios/data/china/
prefecture_cases.csv (code,date,cumulative_confirmed per prefecture-level unit) and
scenarios/data/china/prefectures.csv (census residents, parent province code).

    /usr/bin/python3 analysis/make_origin_cases.py scenarios/data/china scenarios/data/zhejiang/origin_cases.csv
"""
import argparse
import os

import pandas as pd

EXCLUDED_PROVINCES = {"420000": "Hubei", "330000": "Zhejiang"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("china_dir", help="folder with prefecture_cases.csv and prefectures.csv")
    ap.add_argument("output", help="CSV to write")
    a = ap.parse_args()
    units = pd.read_csv(os.path.join(a.china_dir, "prefectures.csv"), comment="#", dtype={"code": str, "parent_code": str})
    cases = pd.read_csv(os.path.join(a.china_dir, "prefecture_cases.csv"), comment="#", dtype={"code": str})
    origin = units[~units["parent_code"].isin(EXCLUDED_PROVINCES)]
    population = int(origin["population_2020"].sum())
    kept = cases[cases["code"].isin(set(origin["code"]))]
    daily = kept.groupby("date", sort=True)["cumulative_confirmed"].sum()
    # A unit's cumulative count can be revised down on a day; the national sum should not fall.
    daily = daily.cummax()
    header = [
        "# Cumulative confirmed COVID-19 cases in mainland China outside Hubei and Zhejiang, by day, and the 2020",
        f"# census residents of those {len(origin)} prefecture-level units (population, the same on every row).",
        "# Derived by analysis/make_origin_cases.py from scenarios/data/china/prefecture_cases.csv (official daily",
        "# reports of the national and provincial health commissions, as collected in canghailan/Wuhan-2019-nCoV, MIT",
        "# licence) and scenarios/data/china/prefectures.csv (2020 census, NBS tabulation by county). The running",
        "# maximum is taken so that a revision down in one unit does not make the sum fall.",
    ]
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        f.write("date,cumulative_confirmed,population\n")
        for date, value in daily.items():
            f.write(f"{date},{int(value)},{population}\n")
    print(f"wrote {a.output}: {len(daily)} days, {len(origin)} units, {population} residents, "
          f"{int(daily.iloc[-1])} cases by {daily.index[-1]}")


if __name__ == "__main__":
    main()
