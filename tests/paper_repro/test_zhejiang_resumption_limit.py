#!/usr/bin/python3
"""paper_repro/zhejiang_resumption_limit.py on synthetic calibration parts whose answers are known:
Spearman's rho, the band of cases, the runs over the published rate, the held-out map of 24 Feb,
a directory and its archive giving the same figures, and bad input refused with the file named and
nothing written.

    /usr/bin/python3 tests/paper_repro/test_zhejiang_resumption_limit.py
"""
import json
import os
import subprocess
import sys
import tarfile
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "paper_repro", "zhejiang_resumption_limit.py")
DATES = [b"2020-02-23", b"2020-02-24", b"2020-02-25"]

# (cases on 1 Mar, resumption on 24 Feb, a fitted parameter, orange counties on 24 Feb)
RUNS = [(200, 0.95, 0.1, 0), (400, 0.92, 0.2, 1), (600, 0.80, 0.3, 5),
        (1000, 0.60, 0.4, 9), (2000, 0.40, 0.5, 13), (9000, 0.20, 0.6, 30)]


def write_part(path, cases, resumption, param, orange, daily=True, scalars=True):
    with h5py.File(path, "w") as f:
        f["provenance/scenario_resolved"] = (
            f"[run]\nseed = {int(param * 1000)}\nmodel = \"zhejiang\"\n\n"
            f"[zhejiang.epidemic]\nbeta_work = {param}\nbeta_household = 0.12\n").encode()
        if scalars:
            f["summary/scalars/cum_cases_2020_03_01"] = float(cases)
            f["summary/scalars/share_designated_industrial_firms_open_2020_02_24"] = resumption
        if daily:
            f["time/daily/date"] = np.array(DATES, dtype="S10")
            colours = np.zeros((3, 5))
            colours[1] = [0, orange, 0, 0, 90 - orange]
            f["series/daily/n_counties_by_colour"] = colours


def archive_of(parts, archive):
    """The parts directory as one .tar.xz, as analysis/calibration_parts.py packs it."""
    with tarfile.open(archive, "w:xz") as tar:
        for p in sorted(os.listdir(parts)):
            tar.add(os.path.join(parts, p), arcname=p)


def run(args, expect):
    r = subprocess.run(["/usr/bin/python3", SCRIPT, *args], capture_output=True, text=True)
    if r.returncode != expect:
        sys.exit(f"FAIL: {args} exited {r.returncode}, expected {expect}\n{r.stdout}\n{r.stderr}")
    return r.stdout + r.stderr


def main():
    with tempfile.TemporaryDirectory() as d:
        parts = os.path.join(d, "post.h5.parts")
        os.makedirs(parts)
        for i, r in enumerate(RUNS):
            write_part(os.path.join(parts, f"run-{i:09d}.h5"), *r)
        out = os.path.join(d, "out")
        run([parts, "--band", "500", "2500", "--out", out], 0)
        res = json.load(open(os.path.join(out, "zhejiang_resumption_limit.json")))
        assert os.path.exists(os.path.join(out, "zhejiang_resumption_limit.png"))
        assert res["runs"] == 6, res["runs"]
        rho = res["spearman_resumption_with"]
        assert rho["cases_1_mar"] == -1.0, rho          # resumption falls with every extra case
        assert rho["zhejiang.epidemic.beta_work"] == -1.0, rho
        assert "zhejiang.epidemic.beta_household" not in rho, rho  # constant: not a varying parameter
        assert "run.seed" not in rho, rho
        band = res["band"]
        assert band["runs"] == 3, band                  # 600, 1000, 2000 cases
        assert band["resumption_24_feb"]["max"] == 0.8 and band["resumption_24_feb"]["min"] == 0.4, band
        assert band["runs_over_published"] == 0, band
        over = res["runs_over_published"]
        assert over["runs"] == 2 and over["cases_1_mar"]["max"] == 400, over  # 0.95 and 0.92 > 0.9
        m = res["map_24_feb"]
        assert m["runs_with_daily_series"] == 6, m
        assert m["in_band"]["orange"]["median"] == 9 and m["in_band"]["green"]["median"] == 81, m
        assert m["published"]["green"] > 0, m          # read from the held-out table
        assert m["spearman_resumption_with_orange"] == -1.0, m

        # The same parts as an archive (as analysis/calibration_parts.py packs them) give the same figures.
        archive = os.path.join(d, "parts.tar.xz")
        archive_of(parts, archive)
        out2 = os.path.join(d, "out2")
        run([archive, "--out", out2], 0)
        res2 = json.load(open(os.path.join(out2, "zhejiang_resumption_limit.json")))
        for k in ("runs", "spearman_resumption_with", "band", "runs_over_published", "map_24_feb"):
            assert res2[k] == res[k], k
        # Stripped parts without daily series: no map section, the rest as before.
        bare = os.path.join(d, "bare.parts")
        os.makedirs(bare)
        for i, r in enumerate(RUNS):
            write_part(os.path.join(bare, f"run-{i:09d}.h5"), *r, daily=False)
        run([bare, "--out", os.path.join(d, "out3")], 0)
        res3 = json.load(open(os.path.join(d, "out3", "zhejiang_resumption_limit.json")))
        assert "map_24_feb" not in res3 and res3["band"] == res["band"], res3

        # Bad input: the file and what was expected are named; nothing is written.
        write_part(os.path.join(parts, "run-000000006.h5"), 1, 0.5, 0.7, 0, scalars=False)
        bad_out = os.path.join(d, "bad")
        err = run([parts, "--out", bad_out], 1)
        assert "run-000000006.h5" in err and "cum_cases_2020_03_01" in err, err
        assert not os.path.exists(os.path.join(bad_out, "zhejiang_resumption_limit.json")), "partial output"
        few = os.path.join(d, "few.parts")
        os.makedirs(few)
        for i, r in enumerate(RUNS[:2]):
            write_part(os.path.join(few, f"run-{i:09d}.h5"), *r)
        err = run([few, "--out", bad_out], 1)
        assert "need at least 3" in err, err
        err = run([os.path.join(d, "nope.parts"), "--out", bad_out], 1)
        assert "no such directory or archive" in err, err
        err = run([parts, "--band", "2500", "500", "--out", bad_out], 2)
        assert "--band" in err, err
        with open(os.path.join(d, "junk.tar.xz"), "w") as f:
            f.write("not an archive")
        err = run([os.path.join(d, "junk.tar.xz"), "--out", bad_out], 1)
        assert "cannot read as a parts archive" in err, err
    print("zhejiang_resumption_limit: synthetic parts: OK")


if __name__ == "__main__":
    main()
