#include "sim/checkpoint/checkpoint_plan.hpp"

#include <algorithm>

#include "sim/core/errors.hpp"

namespace govsim {

std::vector<int32_t> checkpoint_ticks(const CheckpointRequest& r, const Calendar& cal) {
  const bool asked = !r.dates.empty() || r.every > 0;
  if (r.path.empty()) {
    if (asked) throw UsageError("--checkpoint-at/--checkpoint-every need --checkpoint FILE (where to write it)");
    return {};
  }
  if (!asked) throw UsageError("--checkpoint " + r.path + ": say when, with --checkpoint-at DATE or --checkpoint-every DAYS");
  std::vector<int32_t> ticks;
  for (const std::string& s : r.dates) {
    const auto d = Date::parse(s);
    if (!d) throw UsageError("--checkpoint-at " + s + ": not a date (expected YYYY-MM-DD)");
    if (*d < cal.date(0) || cal.date(cal.num_ticks() - 1) < *d)
      throw UsageError("--checkpoint-at " + s + ": outside the scenario's calendar (" + cal.date(0).str() + " to " +
                       cal.date(cal.num_ticks() - 1).str() + ")");
    ticks.push_back(cal.tick_of(*d));
  }
  if (r.every > 0)
    for (int32_t t = r.every - 1; t < cal.num_ticks(); t += r.every) ticks.push_back(t);
  std::sort(ticks.begin(), ticks.end());
  ticks.erase(std::unique(ticks.begin(), ticks.end()), ticks.end());
  return ticks;
}

std::string checkpoint_path(const std::string& pattern, const Date& date) {
  std::string out = pattern;
  for (size_t p = out.find("%D"); p != std::string::npos; p = out.find("%D", p + 10)) out.replace(p, 2, date.str());
  return out;
}

}  // namespace govsim
