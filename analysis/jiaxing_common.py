#!/usr/bin/python3
"""Shared pieces of the Jiaxing calibration and reproduction scripts.

The published figures (seed 000, read from paper_repro/targets/jiaxing.toml), the scaling of the
scenario to a fraction of Jiaxing's population, and a small runner that executes `govsim run`
for several replicates in parallel and reads back the numbers compared with the paper.
"""
import os
import sys
import tomllib


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import govsim_results  # noqa: E402
import govsim_runner  # noqa: E402
import targets  # noqa: E402
from govsim_runner import run_one, run_replicates  # noqa: E402,F401  (re-exported)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO = os.path.join(ROOT, "scenarios", "jiaxing_weijiayuan.toml")
DEFAULT_GOVSIM = os.path.join(ROOT, "build", "govsim")

# The published figures are data: paper_repro/targets/jiaxing.toml (seed 000, with the Chinese
# passages and the reasoning behind each tolerance). Nothing here repeats a published number.
TARGETS = targets.load("jiaxing")
_ACTIVITY = [t for _, t in TARGETS.monthly_points("rate_active_monthly")]
# Monthly activity rate ("活力率"): published value by month, and its tolerance (absolute).
ACTIVITY_TARGETS = {t["maps_to"]["month"]: t["value"] for t in _ACTIVITY}
ACTIVITY_TOLERANCE = max(t["tolerance"]["absolute"] for t in _ACTIVITY)


def _held_out_ids():
    """Target ids the calibration holds out (use = "holdout" in paper_repro/calibrations/jiaxing.toml)."""
    path = os.path.join(targets.ROOT, "paper_repro", "calibrations", "jiaxing.toml")
    with open(path, "rb") as f:
        cal = tomllib.load(f)
    return {t["id"] for t in cal["calibration"].get("target", []) if t.get("use") == "holdout"}


# Months of the activity rate that are held out of the calibration (March and May 2020): a script
# reports them as predicted or missed, never as a failed fit.
HELD_OUT_MONTHS = {t["maps_to"]["month"] for t in _ACTIVITY if t["id"] in _held_out_ids()}
# Adult users at the end of 2020, out of Jiaxing's adults; relative tolerance.
REGISTERED_END = TARGETS["registered_users_2020_end"]["value"]
REGISTERED_TOLERANCE = TARGETS["registered_users_2020_end"]["tolerance"]["relative"]
ADULTS = TARGETS.population_reference
# Registered volunteers during the emergency ("more than ..."); fitted by the calibration.
VOLUNTEERS = TARGETS["volunteers_emergency"]["value"]

# The full-scale population of the scenario (residents, officials, firms).
FULL_POPULATION = {"residents": 4_500_000, "officials": 9_000, "firms": 45_000}

# Crisis-service volumes published in seed 000, and the model scalar compared with each. They
# are reported "more than" / "about" figures from platform data, held out (never fitted); a
# simulated value is consistent if targets.check passes (a "more than" figure fails below it),
# and "40 days halted" is an input of the scenario (role = "input"), shown but not scored.
CRISIS_VOLUME_IDS = ["mask_requesters", "mask_recipients", "masks_exchanged", "consultations_per_day",
                     "residents_counselled_2020_03", "economy_halted_days"]
CRISIS_VOLUMES = [
    # (target, model summary scalar, scales with population)
    (t, t["maps_to"]["scalar"], t["maps_to"].get("scale") == "population")
    for t in (TARGETS[i] for i in CRISIS_VOLUME_IDS)
]


def population_sets(scale):
    """--set arguments for a population `scale` times Jiaxing's (at least one official per community)."""
    res = max(1000, int(round(FULL_POPULATION["residents"] * scale)))
    communities = -(-res // 1000)
    off = max(communities, int(round(FULL_POPULATION["officials"] * scale)))
    firms = max(1, int(round(FULL_POPULATION["firms"] * scale)))
    return [f"population.residents={res}", f"population.officials={off}", f"population.firms={firms}"]


def monthly_rate(result, month):
    i = result.months.index(month)
    return float(result.monthly["rate_active_monthly"][i])


def observables(result):
    """The numbers compared with the paper, from one result."""
    residents = int(result.file_attrs["num_residents"])
    out = {m: monthly_rate(result, m) for m in ACTIVITY_TARGETS}
    out["registered_end_share"] = result.summary["registered_end"] / residents
    out["volunteers_share"] = result.summary["volunteers_emergency_end"] / residents
    out["residents"] = residents
    return out


def make_workdir():
    return govsim_runner.make_workdir("govsim-jiaxing-")
