#include "models/collab/working_window.hpp"

#include <algorithm>
#include <vector>

#include "models/collab/layer_draws.hpp"
#include "sim/params/param_table.hpp"

namespace govsim::collab {
namespace {

constexpr const char* kNoFigure =
    "assumption: seed 002 gives no figure; an order of magnitude, and the after-8-pm ratio's sensitivity to it is "
    "reported (paper_repro/seed002_figures.py), never fitted";

const ParamTable<WorkingWindowParams>& table() {
  using W = WorkingWindowParams;
  static const ParamTable<W> t = [] {
    ParamTable<W> tb;
    tb.flag("collab.working_window.enabled", &W::enabled, false,
            "Simulate field officers' documents and when they are handled (seed 002's police documents after 8 pm; "
            "docs/collab_model.md, \"Seed 002's other figures\").",
            "assumption: off by default so other scenarios are unchanged; scenarios/seed002_police_documents.toml turns it on");
    tb.integer("collab.working_window.officers", &W::officers, 200, 1, 1000000, "officers",
               "Field officers simulated (each with its own documents and duty).",
               "assumption: enough officers for a stable daily count; the ratio does not depend on it");
    tb.real("collab.working_window.docs_per_day", &W::docs_per_day, 3, 0, 1000, "documents/(officer day)",
            "Documents an officer receives per working day (Poisson).", kNoFigure);
    tb.real("collab.working_window.doc_start_hour", &W::doc_start_hour, 8, 0, 24, "hour of day",
            "Documents arrive uniformly from this hour (the sending offices' working day).",
            "assumption: documents are sent in office hours (Chinese civil-service office hours)");
    tb.real("collab.working_window.doc_end_hour", &W::doc_end_hour, 18, 0, 24, "hour of day",
            "End of the documents' arrival window.",
            "assumption: documents are sent in office hours (Chinese civil-service office hours)");
    tb.real("collab.working_window.field_day_share", &W::field_day_share, 0.6, 0, 1, "fraction",
            "Share of an officer's working days spent on field duty (away from the office desk).",
            "assumption: seed 002 speaks of officers with much field work (大量外勤工作) but gives no share");
    tb.real("collab.working_window.field_end_hour", &W::field_end_hour, 18.5, 0, 24, "hour of day",
            "Mean hour at which field duty ends (normal across officer-days).", kNoFigure);
    tb.real("collab.working_window.field_end_sd_hours", &W::field_end_sd_hours, 1.5, 0, 12, "hours",
            "Standard deviation of the hour field duty ends.", kNoFigure);
    tb.real("collab.working_window.travel_hours", &W::travel_hours, 0.5, 0, 12, "hours",
            "Time from the end of field duty to the office desk (police-network computer).", kNoFigure);
    tb.real("collab.working_window.evening_return_prob", &W::evening_return_prob, 0.25, 0, 1, "probability",
            "Without the platform: chance that an officer whose field duty ends after office hours goes back to "
            "the desk that evening to handle the day's documents (else they wait until the next morning).",
            "assumption: seed 002 says officers had to go back to the office after field duty (需要出勤后回到辦公室) "
            "but not how often they did so the same evening; a quarter. Its effect on the ratio is reported");
    tb.real("collab.working_window.after_hours_willingness", &W::after_hours_willingness, 0.5, 0, 1, "probability",
            "With the platform: chance that an officer whose field duty ends after office hours handles the "
            "pending documents that evening where they are (else the next morning).",
            "assumption: half; no survey of officers' evening work on phones was found. Its effect on the ratio is reported");
    tb.real("collab.working_window.field_handle_share", &W::field_handle_share, 0.3, 0, 1, "fraction",
            "With the platform: share of the documents arriving during field duty that the officer handles on the "
            "spot in a gap of the duty.",
            "assumption: seed 002 says the platform lets officers handle business in the field (現場業務辦理); a "
            "third of the documents. Its effect on the ratio is reported");
    tb.real("collab.working_window.home_hours", &W::home_hours, 1.5, 0, 12, "hours",
            "With the platform: hours from the end of field duty (after office hours) until an officer who works "
            "the evening pile takes it up at home (commute, dinner); 0: right where the duty ends.",
            "assumption: an hour and a half for the way home and a meal. Added after the first run (0.85 without it, "
            "docs/collab_model.md); its effect on the ratio is reported");
    tb.real("collab.working_window.doc_minutes", &W::doc_minutes, 10, 0, 600, "minutes",
            "Handling time of one document (read, approve or forward); a pile is handled one after another.",
            kNoFigure);
    return tb;
  }();
  return t;
}

}  // namespace

void declare_working_window_parameters(ParamRegistry& reg) { table().declare(reg); }
WorkingWindowParams load_working_window_parameters(const ParamSet& p) {
  WorkingWindowParams w = table().load(p);
  w.office_start_hour = p.get_double("collab.officials.office_start_hour");
  w.office_end_hour = std::min(24.0, w.office_start_hour + p.get_double("collab.officials.office_hours"));
  return w;
}

OfficerDay simulate_officer_day(const WorkingWindowParams& p, bool mobile, const CounterRng& rng, uint32_t tick,
                                uint32_t officer) {
  LayerDraws d(rng, tick, officer, kStreamWorkingWindow);
  OfficerDay out;
  out.documents = d.poisson(p.docs_per_day);
  const bool field = d.uniform() < p.field_day_share;
  const double end = std::clamp(p.field_end_hour + p.field_end_sd_hours * d.normal(), p.office_start_hour + 1.0, 23.5);
  const bool evening_choice = d.uniform() < (mobile ? p.after_hours_willingness : p.evening_return_prob);
  const double step = p.doc_minutes / 60.0;
  std::vector<double> arrivals(out.documents);
  for (double& a : arrivals) a = p.doc_start_hour + d.uniform() * (p.doc_end_hour - p.doc_start_hour);
  std::sort(arrivals.begin(), arrivals.end());
  // A desk (or phone) handles its queue one document after another from `free`.
  double free = 0;
  auto handle = [&](double at) {
    const double start = std::max(free, at);
    free = start + step;
    out.after_20h += start >= kEveningHour;
  };
  if (!field) {  // at the desk: each document as it arrives within office hours, else the next morning
    for (double a : arrivals)
      if (a < p.office_end_hour) handle(std::max(a, p.office_start_hour));
    return out;
  }
  // Field day: what is handled on the spot (platform only), the rest waits for the pile at `pile_at`.
  const double back = end + p.travel_hours;  // at the desk, without the platform
  const bool in_hours = (mobile ? end : back) < p.office_end_hour;
  const double pile_at = !mobile ? back : in_hours ? end : end + p.home_hours;
  const bool pile_today = in_hours || evening_choice;
  std::vector<uint8_t> spot(arrivals.size(), 0);
  for (size_t i = 0; i < arrivals.size(); ++i)  // on the spot first: those happen during duty, before the pile
    if (mobile && arrivals[i] < end && d.uniform() < p.field_handle_share) {
      spot[i] = 1;
      ++out.on_spot;
      handle(arrivals[i]);
    }
  if (pile_today)  // else: the next morning, in office hours (not after 20:00)
    for (size_t i = 0; i < arrivals.size(); ++i)
      if (!spot[i]) handle(std::max(arrivals[i], pile_at));
  return out;
}

}  // namespace govsim::collab
