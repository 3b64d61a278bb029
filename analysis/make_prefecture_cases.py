#!/usr/bin/python3
"""Derive scenarios/data/china/prefecture_cases.csv from city_cases.csv (issue 14).

The case file reports by city, but municipalities report by district and three county-level
cities report apart from their prefectures. This script sums every reporting unit into the
prefecture-level unit of prefectures.csv that contains it (district -> municipality, county ->
prefecture by the first four digits of its code, a unit that is itself in prefectures.csv stays),
carries each reporting unit's last reported cumulative count forward over days it did not report,
and writes one row per unit and day: code,date,cumulative_confirmed. Pseudo-cities without a code
(unassigned, prisons) belong to no unit and are left out.

    /usr/bin/python3 analysis/make_prefecture_cases.py scenarios/data/china
"""
import argparse
import os

import pandas as pd


def unit_of(code, province, units):
    if code in units:
        return code
    if province in units:  # municipalities: districts and counties belong to the one unit
        return province
    pref = code[:4] + "00"
    if pref in units:
        return pref
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", help="folder with prefectures.csv and city_cases.csv")
    a = ap.parse_args()
    pref = pd.read_csv(os.path.join(a.data_dir, "prefectures.csv"), dtype=str, comment="#")
    cases = pd.read_csv(os.path.join(a.data_dir, "city_cases.csv"), dtype={"city_code": str, "province_code": str},
                        comment="#")
    units = set(pref["code"])
    cases = cases.dropna(subset=["city_code"])
    cases["unit"] = [unit_of(c, p, units) for c, p in zip(cases["city_code"], cases["province_code"])]
    dropped = cases[cases["unit"].isna()]["city"].unique()
    cases = cases.dropna(subset=["unit"])
    wide = cases.pivot_table(index="date", columns="city_code", values="cumulative_confirmed", aggfunc="max")
    wide = wide.sort_index().ffill().fillna(0)
    unit_of_city = cases.drop_duplicates("city_code").set_index("city_code")["unit"]
    by_unit = wide.T.groupby(unit_of_city).sum().T
    by_unit = by_unit.reindex(columns=sorted(units), fill_value=0)
    out = os.path.join(a.data_dir, "prefecture_cases.csv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Daily cumulative confirmed COVID-19 cases per prefecture-level unit of prefectures.csv,\n")
        f.write("# derived from city_cases.csv by analysis/make_prefecture_cases.py (see its docstring).\n")
        f.write("# Source: official daily reports of the national and provincial health commissions, as collected\n")
        f.write("# in canghailan/Wuhan-2019-nCoV (MIT licence); values as reported on each day.\n")
        f.write("code,date,cumulative_confirmed\n")
        for code in by_unit.columns:
            for date, v in by_unit[code].items():
                f.write(f"{code},{date},{int(round(v))}\n")
    print(f"wrote {out}: {len(by_unit.columns)} units x {len(by_unit.index)} days; "
          f"left out (no unit): {', '.join(map(str, dropped)) or 'none'}")


if __name__ == "__main__":
    main()
