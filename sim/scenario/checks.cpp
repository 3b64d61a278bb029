// All cross-parameter checks in one place (as OpenABM's check_params): what no single
// declaration can say on its own.
#include <algorithm>
#include <vector>

#include "sim/model/component.hpp"
#include "sim/model/model.hpp"
#include "sim/regions/region_table.hpp"
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
  }
  // Overlaps: sort by start, then each phase need only be compared with the one reaching furthest
  // among those that start before it (O(n log n); 20,000 phases check in milliseconds).
  std::vector<size_t> order(phases.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    const Date sx = phases[x].get_date("start"), sy = phases[y].get_date("start");
    return sx < sy || (!(sy < sx) && x < y);
  });
  size_t reach = order.empty() ? 0 : order[0];  // the phase ending last among those seen so far
  for (size_t k = 1; k < order.size(); ++k) {
    const size_t cur = order[k];
    if (!(phases[reach].get_date("end") < phases[cur].get_date("start"))) {
      const size_t i = std::max(cur, reach), j = std::min(cur, reach);
      throw InputError(phases[i].loc, "crisis.phases",
                       "phase #" + std::to_string(i + 1) + " overlaps phase #" + std::to_string(j + 1) +
                           " (declared at " + phases[j].loc.str() + ")");
    }
    if (phases[reach].get_date("end") < phases[cur].get_date("end")) reach = cur;
  }
  for (const ParamEvent& ev : p.events())
    if (ev.date < start || ev.date > end)
      throw InputError(ev.loc, "events", "event on " + ev.date.str() + " lies outside the calendar " + start.str() +
                                             " to " + end.str());

  if (p.has("crisis.driver") && p.get_string("crisis.driver") != "schedule") {
    const std::string& d = p.get_string("crisis.driver");
    if (!p.has("components." + d) || !p.get_bool("components." + d))
      throw InputError(p.at("crisis.driver").loc, "crisis.driver",
                       "the crisis is driven by the " + d + " component, which is not enabled; add [components] " + d +
                           " = true");
  }
  if (p.has("regions.table")) {
    const std::string table = scenario_data_path(p, "regions.table");
    if (table.empty() && !p.get_string("regions.borders").empty())
      throw InputError(p.at("regions.borders").loc, "regions.borders", "a border table needs a region table (regions.table)");
    if (!table.empty()) {
      if (p.at("population.residents").loc.file != "<default>")
        throw InputError(p.at("population.residents").loc, "population.residents",
                         "with a region table, residents come from its population column times population.scale; "
                         "delete population.residents");
      double total = 0;
      for (uint32_t n : scaled_region_sizes(*load_region_table(p), p.get_double("population.scale"))) total += n;
      if (total < 1 || total > 2e9)
        throw InputError(p.at("population.scale").loc, "population.scale",
                         "the region table times population.scale gives " + std::to_string(int64_t(total)) +
                             " residents; expected between 1 and 2e9");
    }
  }
  for (const ModelInfo& m : model_catalog())
    if (m.name == p.get_string("run.model") && m.check) m.check(p);
  for (const ComponentInfo& c : component_catalog())
    if (p.has("components." + c.name) && p.get_bool("components." + c.name) && c.check) c.check(p);
}

}  // namespace govsim
