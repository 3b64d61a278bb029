// All cross-parameter checks in one place (as OpenABM's check_params): what no single
// declaration can say on its own.
#include "sim/engine/model.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim {

void check_scenario(const ParamSet& p) {
  const Date start = p.get_date("calendar.start");
  const Date end = p.get_date("calendar.end");
  if (end < start)
    throw InputError(p.at("calendar.end").loc, "calendar.end",
                     "calendar.end " + end.str() + " is before calendar.start " + start.str());
  if (end - start > 200 * 366)
    throw InputError(p.at("calendar.end").loc, "calendar.end", "a run may span at most 200 years");

  const auto& phases = p.records("crisis.phases");
  for (size_t i = 0; i < phases.size(); ++i) {
    const Record& a = phases[i];
    const Date s = a.get_date("start"), e = a.get_date("end");
    if (e < s)
      throw InputError(a.at("end").loc, "crisis.phases",
                       "phase #" + std::to_string(i + 1) + " ends (" + e.str() + ") before it starts (" + s.str() + ")");
    if (e < start || s > end)
      throw InputError(a.loc, "crisis.phases",
                       "phase #" + std::to_string(i + 1) + " (" + s.str() + " to " + e.str() +
                           ") lies entirely outside the calendar " + start.str() + " to " + end.str());
    for (size_t j = 0; j < i; ++j) {
      const Record& b = phases[j];
      if (!(e < b.get_date("start") || b.get_date("end") < s))
        throw InputError(a.loc, "crisis.phases",
                         "phase #" + std::to_string(i + 1) + " overlaps phase #" + std::to_string(j + 1) +
                             " (declared at " + b.loc.str() + ")");
    }
  }
  for (const ModelInfo& m : model_catalog())
    if (m.name == p.get_string("run.model") && m.check) m.check(p);
}

}  // namespace govsim
