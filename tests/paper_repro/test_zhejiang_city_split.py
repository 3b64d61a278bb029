#!/usr/bin/python3
"""paper_repro/zhejiang_city_split.py on synthetic calibration parts whose answers are known: the
cities' shares, the band, the runs at or above the published share, the parameter a share moves
with, the runs within a factor of 2 of every published share and the closest run, counts scaled to
the province by num_residents, a directory and its archive giving the same figures, and bad input
refused with the file named and nothing written.

    /usr/bin/python3 tests/paper_repro/test_zhejiang_city_split.py
"""
import json
import os
import subprocess
import sys
import tempfile

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "paper_repro", "zhejiang_city_split.py")
sys.path.insert(0, os.path.join(ROOT, "analysis"))
import targets  # noqa: E402
sys.path.insert(0, HERE)
from test_zhejiang_resumption_limit import archive_of  # noqa: E402

CODES = ["330100", "330200", "330300", "330400", "330500", "330600", "330700", "330800", "330900", "331000", "331100"]
T = targets.load("zhejiang")
PUBLISHED = [float(T[f"cum_cases_{c}_2020_03_01"]["value"]) for c in CODES]
TOTAL = sum(PUBLISHED)


def write_part(path, cases, factor, scale=1.0, scalars=True):
    """One run: the 11 cities' cases on 1 Mar (full-scale counts), stored at `scale` of the province."""
    with h5py.File(path, "w") as f:
        f.attrs["num_residents"] = float(T.population_reference) * scale
        f["provenance/scenario_resolved"] = (
            f"[run]\nseed = {int(factor * 100)}\nmodel = \"zhejiang\"\n\n"
            f"[zhejiang.hubei]\nwenzhou_prevalence_factor = {factor}\nlinked = 300000\n").encode()
        for c, x in zip(CODES, cases):
            if scalars:
                f[f"summary/scalars/cum_cases_{c}_2020_03_01"] = float(x) * scale


def runs():
    """Six runs: Wenzhou's cases grow with its factor, the others fixed at the published counts, so
    Wenzhou's share rises and every other share falls with the factor. Two runs fall outside the
    500-2,500 band; one of the four inside is the published split exactly (every factor 1)."""
    out = []
    for factor, wenzhou in ((1.0, 10.0), (2.0, PUBLISHED[2]), (3.0, 900.0), (4.0, 1400.0), (5.0, 1800.0)):
        cases = list(PUBLISHED)
        cases[2] = wenzhou
        out.append((cases, factor))
    out.append(([x * 5 for x in PUBLISHED], 6.0))  # 5x the published total: outside the band
    return out


def run(args, expect):
    r = subprocess.run(["/usr/bin/python3", SCRIPT, *args], capture_output=True, text=True)
    if r.returncode != expect:
        sys.exit(f"FAIL: {args} exited {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r.stdout + r.stderr


def main():
    assert 500 < TOTAL < 2500 and 500 < TOTAL - PUBLISHED[2] + 1800 <= 2500, "targets changed: update this test"
    with tempfile.TemporaryDirectory() as d:
        parts = os.path.join(d, "post.h5.parts")
        os.makedirs(parts)
        for i, (cases, factor) in enumerate(runs()):
            write_part(os.path.join(parts, f"run-{i:09d}.h5"), cases, factor, scale=0.25 if i == 1 else 1.0)
        out = os.path.join(d, "out")
        run([parts, "--band", "500", "2500", "--out", out], 0)
        res = json.load(open(os.path.join(out, "zhejiang_city_split.json")))
        assert os.path.exists(os.path.join(out, "zhejiang_city_split.png"))
        assert res["runs"] == 6, res["runs"]
        # 665 cases (Wenzhou 10) is inside, 5x the published total is not; every run in between is.
        assert res["band"]["runs"] == 5, res["band"]
        by = {c["code"]: c for c in res["cities"]}
        wz, hz = by["330300"], by["330100"]
        assert wz["name"] == "Wenzhou" and wz["hubei_linked"].startswith("published count"), wz
        assert hz["hubei_linked"].startswith("by census residents"), hz
        assert abs(wz["published_share"] - PUBLISHED[2] / TOTAL) < 1e-4, wz
        # Wenzhou's share rises with its factor and every other share falls: rho = +1 and -1.
        assert wz["share_moves_with"] == {"zhejiang.hubei.wenzhou_prevalence_factor": 1.0}, wz
        assert hz["share_moves_with"] == {"zhejiang.hubei.wenzhou_prevalence_factor": -1.0}, hz
        assert "zhejiang.hubei.linked" not in wz["share_moves_with"], wz  # constant: not a varying parameter
        # Wenzhou at or above its published share in the runs with factor 2 (exactly, run 1 scaled from
        # a quarter of the province: outside the band unless scaled), 3, 4 and 5: 4 of 5; Hangzhou in the runs with factor 1 and 2: 2 of 5.
        assert wz["runs_at_or_above_published_share"] == 0.8, wz
        assert hz["runs_at_or_above_published_share"] == 0.4, hz
        # The run with the published split is the closest (factor 1); with Wenzhou 10 of 665 its share
        # misses by far more than 2, and Wenzhou 900 stays within 2 for every city.
        assert res["closest_run"]["largest_factor"] == 1.0, res["closest_run"]
        within = res["runs_with_every_city_within_factor"]
        assert within["factor"] == 2.0, within
        counted = [cases for cases, _ in runs()[:5]]
        expect = sum(all(max(x / sum(c) / (p / TOTAL), (p / TOTAL) / (x / sum(c))) <= 2 for x, p in zip(c, PUBLISHED))
                     for c in counted)
        assert within["runs"] == expect and 1 <= expect < 5, (within, expect)

        # The same parts as an archive give the same figures.
        archive = os.path.join(d, "parts.tar.xz")
        archive_of(parts, archive)
        out2 = os.path.join(d, "out2")
        run([archive, "--out", out2], 0)
        res2 = json.load(open(os.path.join(out2, "zhejiang_city_split.json")))
        for k in ("runs", "band", "cities", "runs_with_every_city_within_factor", "closest_run"):
            assert res2[k] == res[k], k

        # Bad input: the file and what was expected are named; nothing is written.
        write_part(os.path.join(parts, "run-000000006.h5"), PUBLISHED, 1.0, scalars=False)
        bad_out = os.path.join(d, "bad")
        err = run([parts, "--out", bad_out], 1)
        assert "run-000000006.h5" in err and "cum_cases_<city>_2020_03_01" in err, err
        assert not os.path.exists(os.path.join(bad_out, "zhejiang_city_split.json")), "partial output"
        err = run([os.path.join(d, "nope.parts"), "--out", bad_out], 1)
        assert "no such directory or archive" in err, err
        err = run([parts, "--band", "2500", "500", "--out", bad_out], 2)
        assert "--band" in err, err
        err = run([parts, "--limit", "2", "--out", bad_out], 2)
        assert "--limit" in err, err
    print("zhejiang_city_split: synthetic parts: OK")


if __name__ == "__main__":
    main()
