#include "sim/checkpoint/branch.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "govsim/version.hpp"
#include "sim/core/errors.hpp"
#include "sim/core/utc_now.hpp"
#include "sim/io/file_checks.hpp"
#include "sim/scenario/set_argument.hpp"
#include "sim/scenario/toml_limits.hpp"

namespace govsim {

CheckpointHeader checkpoint_header(const Scenario& sc, const std::vector<std::string>& overrides,
                                   const std::string& model, const std::string& date, int32_t days_done,
                                   const std::string& command_line) {
  CheckpointHeader h;
  h.govsim_version = kVersion;
  h.git_commit = kGitCommit;
  h.model = model;
  h.date = date;
  h.days_done = days_done;
  h.created_utc = utc_now();
  h.command_line = command_line;
  h.scenario_path = sc.path;
  h.scenario_source = sc.source_text;
  h.scenario_resolved = resolved_toml(sc.params);
  std::error_code ec;
  h.base_dir = sc.params.base_dir().empty() ? "" : std::filesystem::absolute(sc.params.base_dir(), ec).string();
  h.overrides = overrides;
  return h;
}

namespace {

// The events file's text, checked to hold nothing but [[events]] tables.
std::string read_events_file(const std::string& path) {
  require_regular_file(path, "events file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot read events file: no such file, or unreadable");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  check_toml_limits(text, path);
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw InputError(SourceLoc{path, e.source().begin.line, e.source().begin.column}, "",
                     "TOML syntax error: " + std::string(e.description()));
  }
  for (auto&& [k, node] : root)
    if (k.str() != "events" || !node.is_array_of_tables())
      throw InputError(SourceLoc{path, k.source().begin.line, k.source().begin.column}, std::string(k.str()),
                       "an events file holds only [[events]] tables (date, label, set)");
  return text;
}

// Lines of `combined` past `offset` came from the events file: say so in locations.
void relocate(SourceLoc& loc, const std::string& scenario, uint32_t offset, const std::string& events_file) {
  if (loc.file == scenario && loc.line > offset) loc = SourceLoc{events_file, loc.line - offset, loc.column};
}

}  // namespace

Branch branch_from(const CheckpointFile& ck, const std::vector<std::string>& sets, const std::string& events_file) {
  return branch_from(ck.header(), ck.path(), sets, events_file);
}

Branch branch_from(const CheckpointHeader& h, const std::string& ck_path, const std::vector<std::string>& sets,
                   const std::string& events_file) {
  // The scenario text and overrides as the run read them, so that every parameter, every event
  // and every source location in the event log comes out exactly as in the uninterrupted run.
  Branch b{[&] {
             try {
               return parse_scenario(h.scenario_source, h.scenario_path, h.overrides);
             } catch (const InputError& e) {
               throw FileError(ck_path, std::string("the checkpoint's scenario no longer loads: ") + e.what());
             }
           }(),
           {}};
  if (!h.base_dir.empty()) b.scenario.params.set_base_dir(h.base_dir);
  if (resolved_toml(b.scenario.params) != h.scenario_resolved)
    throw FileError(ck_path, "the checkpoint's scenario does not resolve as it did when it was written (damaged?)");
  if (b.scenario.params.get_string("run.model") != h.model)
    throw FileError(ck_path, "a checkpoint of model '" + h.model + "' whose scenario runs model '" +
                                   b.scenario.params.get_string("run.model") + "' (damaged?)");
  const Calendar cal = make_calendar(b.scenario.params);
  if (h.days_done > cal.num_ticks() || cal.date(h.days_done - 1).str() != h.date)
    throw FileError(ck_path, "its date " + h.date + " is not day " + std::to_string(h.days_done) + " of its scenario (damaged?)");
  if (sets.empty() && events_file.empty()) return b;
  if (h.days_done == cal.num_ticks())
    throw UsageError("the checkpoint is at the scenario's last day (" + h.date + "); there is nothing left to change");

  if (!events_file.empty()) {
    // The scenario with the file appended, parsed as one: the same checks and order as a full
    // run of that text; then every location past the scenario's lines points into the file.
    const std::string text = read_events_file(events_file);
    const uint32_t offset = uint32_t(std::count(h.scenario_source.begin(), h.scenario_source.end(), '\n')) + 1;
    std::vector<ParamEvent> events;
    try {
      events = parse_scenario(h.scenario_source + "\n" + text, h.scenario_path, h.overrides).params.events();
    } catch (const InputError& e) {
      SourceLoc loc = e.loc();
      relocate(loc, h.scenario_path, offset, events_file);
      throw InputError(loc, e.key(), e.message());
    }
    for (ParamEvent& ev : events) {
      const bool added = ev.loc.file == h.scenario_path && ev.loc.line > offset;
      relocate(ev.loc, h.scenario_path, offset, events_file);
      for (auto& [key, v] : ev.set) relocate(v.loc, h.scenario_path, offset, events_file);
      if (!added) continue;
      if (ev.date < cal.date(h.days_done))
        throw InputError(ev.loc, "events", "dated " + ev.date.str() + ", not after the checkpoint's day " + h.date +
                                               ": a branch changes only what comes after its checkpoint");
      for (const auto& [key, v] : ev.set) b.changes.push_back("from " + ev.date.str() + ": " + key + " = " + to_toml_literal(v.value));
    }
    b.scenario.params.set_events(std::move(events));
  }
  if (sets.empty()) return b;
  // The changed values, checked as the loader checks --set (type, range, unknown keys).
  std::vector<std::string> all = h.overrides;
  all.insert(all.end(), sets.begin(), sets.end());
  const Scenario changed = parse_scenario(h.scenario_source, h.scenario_path, all);
  ParamEvent ev;
  ev.date = cal.date(h.days_done);
  ev.label = "branch from " + ck_path;
  for (const std::string& s : sets) {
    const std::string key = parse_set_argument(s).key;
    const ParamSpec* spec = changed.params.registry().find(key);
    const ResolvedValue& v = changed.params.at(key);
    if (!spec || !spec->changeable)
      throw InputError(v.loc, key,
                       "cannot change in a branch: it is read only when the world is built, and a branch continues the "
                       "checkpoint's world (`govsim params` marks the keys [[events]] may set)");
    for (const auto& [k, old] : ev.set)
      if (k == key) throw InputError(v.loc, key, "set twice");
    ev.set.push_back({key, v});
    b.changes.push_back(key + " = " + to_toml_literal(v.value));
  }
  // After every event of the same day or earlier: what appending the [[events]] entry at the end
  // of the scenario file gives.
  std::vector<ParamEvent> events = b.scenario.params.events();
  auto at = events.begin();
  while (at != events.end() && at->date <= ev.date) ++at;
  events.insert(at, std::move(ev));
  b.scenario.params.set_events(std::move(events));
  return b;
}

}  // namespace govsim
