#pragma once
// Seed 002's measures of collaboration, computed from summed counters over any span of days:
// the daily series, the whole-run summary and the before/after-platform summaries all use this
// one definition.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "models/collab/tally.hpp"
#include "sim/metrics/metric_registry.hpp"

namespace govsim::collab {

struct Measure {
  const char* name;
  SeriesKind kind;  // rate (per task, per hour, per day), share or mean
  const char* unit;
  const char* description;
  // value from counters summed over `days` days, with `official_hours` working hours per day
  double (*value)(const UnitTally& t, double days, double official_hours);
};

namespace detail {
inline double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }
inline double c(const UnitTally& t, int k) { return double(t.count[k]); }
}  // namespace detail

// The measures, in the order they are reported.
inline const std::vector<Measure>& collaboration_measures() {
  using namespace detail;
  static const std::vector<Measure> m = {
      {"throughput", SeriesKind::Rate, "tasks/day", "Tasks closed per day.",
       [](const UnitTally& t, double d, double) { return ratio(c(t, kClosed), d); }},
      {"mean_close_hours", SeriesKind::Mean, "hours", "Mean hours from a task's arrival to its closure (closed tasks).",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kCloseHours], c(t, kClosed)); }},
      {"share_same_day", SeriesKind::Share, "fraction", "Share of closed tasks closed on the day they arrived.",
       [](const UnitTally& t, double, double) { return ratio(c(t, kClosedSameDay), c(t, kClosed)); }},
      {"routing_steps_per_task", SeriesKind::Rate, "steps", "Hand-overs of work items between actors per closed task (routing steps).",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kRoutingSteps], c(t, kClosed)); }},
      {"messages_per_task", SeriesKind::Rate, "messages",
       "Messages per closed task: requests, hand-overs, submissions, routing, asks, and the adjustment messages.",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kMessages], c(t, kClosed)); }},
      {"adjustment_messages_per_task", SeriesKind::Rate, "messages",
       "Messages per closed task that reconcile the parts' work (Thompson's coordination by feedback): ask-backs "
       "after a misreading, returns of contributions that miss the standard, and every round's exchange of a "
       "reciprocal task. Requests, hand-overs, submissions and routing are not counted.",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kAdjustMessages], c(t, kClosed)); }},
      {"coordination_hours_per_task", SeriesKind::Rate, "hours",
       "Official hours spent coordinating (messages, triage, intake, combining, rework messages) per closed task.",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kCoordinationHours], c(t, kClosed)); }},
      {"reworks_per_task", SeriesKind::Rate, "sub-tasks", "Sub-tasks redone per closed task (information asymmetry).",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kReworks], c(t, kClosed)); }},
      {"rounds_per_task", SeriesKind::Rate, "rounds", "Mutual-adjustment rounds per closed task.",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kRounds], c(t, kClosed)); }},
      {"chain_restarts_per_task", SeriesKind::Rate, "restarts",
       "Times per closed task a sequential chain was redone from the sub-task whose misreading was found.",
       [](const UnitTally& t, double, double) { return ratio(t.sum[kRestarts], c(t, kClosed)); }},
      {"share_dropped", SeriesKind::Share, "fraction", "Share of finished tasks that were dropped (no convergence or no participant).",
       [](const UnitTally& t, double, double) { return ratio(c(t, kDropped), c(t, kDropped) + c(t, kClosed)); }},
      {"share_auto_dispatched", SeriesKind::Share, "fraction", "Share of official sub-tasks dispatched automatically.",
       [](const UnitTally& t, double, double) { return ratio(c(t, kAutoDispatched), c(t, kRoutings)); }},
      {"share_satisfied", SeriesKind::Share, "fraction", "Share of closed tasks rated satisfactory (closed within the residents' time).",
       [](const UnitTally& t, double, double) { return ratio(c(t, kSatisfied), c(t, kClosed)); }},
      {"official_utilisation", SeriesKind::Share, "fraction",
       "Official working hours used (the tasks' work and the officials' other work) / available office hours.",
       [](const UnitTally& t, double d, double h) { return ratio(t.sum[kBusyHours] + t.sum[kOtherWorkHours], d * h); }},
      {"task_utilisation", SeriesKind::Share, "fraction", "Official working hours spent on the simulated tasks / available office hours.",
       [](const UnitTally& t, double d, double h) { return ratio(t.sum[kBusyHours], d * h); }},
      {"admin_work_per_official_hour", SeriesKind::Rate, "sub-tasks/hour",
       "Administrative work per unit time: official sub-tasks completed per official working hour spent "
       "(seed 002, types I and III).",
       [](const UnitTally& t, double, double) { return ratio(c(t, kOfficialWork), t.sum[kBusyHours]); }},
      {"social_info_per_day", SeriesKind::Rate, "contributions/day",
       "Social information processed (seed 002, type II): public contributions that went into a task that "
       "closed, per day, each counted once however many rounds repeated it. Contributions of dropped tasks, "
       "and those still queued at the grid workers' intake, were not processed.",
       [](const UnitTally& t, double d, double) { return ratio(c(t, kInfoProcessed), d); }},
      {"contributions_taken_in_per_day", SeriesKind::Rate, "contributions/day",
       "Public contributions completed and taken in per day, repeats in later rounds included.",
       [](const UnitTally& t, double d, double) { return ratio(c(t, kPublicContributions), d); }},
      {"efficiency_per_100_official_hours", SeriesKind::Rate, "tasks/100 hours",
       "Overall efficiency: tasks closed per 100 official working hours spent across all desks (seed 002, type III).",
       [](const UnitTally& t, double, double) { return ratio(100.0 * c(t, kClosed), t.sum[kBusyHours]); }},
      {"asks_per_contribution", SeriesKind::Rate, "asks", "Residents asked per public contribution (participation threshold).",
       [](const UnitTally& t, double, double) { return ratio(c(t, kAsks), c(t, kAsks) - c(t, kDeclines)); }},
  };
  return m;
}

}  // namespace govsim::collab
