#!/usr/bin/python3
"""Shared pieces of the Yuexiu calibration and reproduction scripts (seed 003, targets.md D).

The published figures of the Yuexiu grid-dispatch platform ("Yuexiu Pioneer", from April 2020;
Nanfang Daily, 18 Dec 2020, quoted in seed 003) and how each is read from a result file.
"""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from govsim_runner import ROOT  # noqa: E402
import targets  # noqa: E402

SCENARIO = os.path.join(ROOT, "scenarios", "yuexiu_grid_dispatch.toml")

# The published figures are data: paper_repro/targets/yuexiu.toml (with the Chinese passages and
# the reasoning behind each tolerance). As (key, label, published value, tolerance, how the
# tolerance is applied: "abs" or "rel").
# TARGETS: the grid-dispatch figures ("activate government"), read by observables() below;
# SOCIETY: the residents' platform's figures ("activate society"), each read through its own mapping
# onto the society layer's series (analysis/targets.py).
_T = targets.load("yuexiu")
DISPATCH_IDS = ("share_same_day", "share_auto_dispatched", "routing_reduction", "speedup", "events")
TARGETS = [(t["id"], t["label"], t["value"],
            t["tolerance"]["absolute"] if "absolute" in t["tolerance"] else t["tolerance"]["relative"],
            "abs" if "absolute" in t["tolerance"] else "rel") for t in _T if t["id"] in DISPATCH_IDS]
SOCIETY = [t for t in _T if t["id"] not in DISPATCH_IDS]
POPULATION = 1_170_000  # registered residents (seed 003): the population the society counts refer to


def society_observables(result):
    """{id: simulated value} of the society figures; counts are scaled to the district's population
    when the run has fewer residents (approximate: deliberation items are not proportional to it)."""
    scale = POPULATION / float(result.file_attrs["num_residents"])
    out = {}
    for t in SOCIETY:
        v = targets.simulated(t, result)
        out[t["id"]] = v if t.get("unit") == "ratio" else v * scale
    return out


def society_inside(target, value):
    """Whether a simulated value meets a society figure within its tolerance: a point or a range
    within the tolerance, a lower bound ("more than x") at or above x less the tolerance."""
    if value is None or math.isnan(value):
        return False
    lo, hi = targets.bounds(target)
    if target.get("kind") == "lower":
        tol = target.get("tolerance", {})
        lo = target["value"] - tol["absolute"] if "absolute" in tol else target["value"] * (1 - tol.get("relative", 0))
        return value >= lo
    return lo <= value <= hi


def observables(result):
    """The numbers compared with the paper, from one result (after = from the launch on)."""
    s = result.summary
    before_h, after_h = s["mean_close_hours_before_platform"], s["mean_close_hours_after_platform"]
    return {
        "share_same_day": s["share_same_day_after_platform"],
        "share_auto_dispatched": s["share_auto_dispatched_after_platform"],
        "routing_reduction": 1 - s["routing_steps_per_task_after_platform"] / s["routing_steps_per_task_before_platform"],
        "speedup": before_h / after_h,
        "events": s["tasks_closed_after_launch"],
        # context, not compared with a published figure
        "share_same_day_before": s["share_same_day_before_platform"],
        "mean_close_hours_before": before_h,
        "mean_close_hours_after": after_h,
        "routing_steps_before": s["routing_steps_per_task_before_platform"],
        "routing_steps_after": s["routing_steps_per_task_after_platform"],
        "share_satisfied_before": s["share_satisfied_before_platform"],
        "share_satisfied_after": s["share_satisfied_after_platform"],
        "messages_before": s["messages_per_task_before_platform"],
        "messages_after": s["messages_per_task_after_platform"],
        "km_close_hours_before": s.get("km_mean_close_hours_before_platform", float("nan")),
        "km_close_hours_after": s.get("km_mean_close_hours_after_platform", float("nan")),
        "utilisation_after": s.get("official_utilisation_after_platform", float("nan")),
        "task_utilisation_after": s.get("task_utilisation_after_platform", float("nan")),
        "queue_steady_before": s.get("queue_steady_before_platform", float("nan")),
        "queue_steady_after": s.get("queue_steady_after_platform", float("nan")),
    }


def residual(key, value):
    """(simulated - published) in units of the tolerance."""
    for k, _, target, tol, how in TARGETS:
        if k == key:
            return (value - target) / tol if how == "abs" else (value / target - 1) / tol
    raise KeyError(key)


def within(key, value):
    return abs(residual(key, value)) <= 1 and not math.isnan(value)
