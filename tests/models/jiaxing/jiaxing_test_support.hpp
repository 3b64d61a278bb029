#pragma once
// Helpers shared by the Jiaxing tests: load the real scenario (scenarios/jiaxing_weijiayuan.toml)
// at a small scale, run it, and look up series, months and summary scalars by name.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "test_support.hpp"

namespace govsim::jiaxing_test {

inline std::string scenario_text() {
  return govsim::testing::read_file(govsim::testing::source_dir() /
                                    "scenarios/jiaxing_weijiayuan.toml");
}

// A small version of the real scenario: 20 communities of 1 000 (the default community size),
// two officials per community as in the full scenario, one firm per 100 residents.
inline std::vector<std::string> small(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"population.residents=20000", "population.officials=40",
                                   "population.firms=200"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return sets;
}

// The scenario text with every [[crisis.phases]] block (its header line up to the next blank
// line) removed: no crisis at all.
inline std::string without_crisis_phases(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    if (line.rfind("[[crisis.phases]]", 0) == 0) skipping = true;
    if (skipping && line.empty()) skipping = false;
    if (!skipping) out += line + '\n';
  }
  REQUIRE(out.find("crisis.phases") == std::string::npos);
  return out;
}

// The scenario text with every phase intensity set to 0 (the phases, and so the emergency's
// dates, stay).
inline std::string with_zero_intensity(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.rfind("intensity", 0) == 0) {
      line = "intensity = 0.0";
      ++n;
    }
    out += line + '\n';
  }
  REQUIRE(n > 0);
  return out;
}

// Splits the scenario text at each [[jiaxing.services]] header: the text before the first, then
// one block per service.
inline std::vector<std::string> service_blocks(const std::string& text, std::string& head) {
  const std::string marker = "[[jiaxing.services]]";
  size_t pos = text.find(marker);
  head = text.substr(0, pos);
  std::vector<std::string> blocks;
  while (pos != std::string::npos) {
    const size_t next = text.find(marker, pos + marker.size());
    blocks.push_back(text.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
    pos = next;
  }
  return blocks;
}

// The scenario text with only the services live from the start: every crisis service (launch =
// "unmet_need") and everything that follows from them (conversions, after-crisis services) removed.
inline std::string without_crisis_services(const std::string& text) {
  std::string out;
  size_t dropped = 0;
  for (const std::string& block : service_blocks(text, out)) {
    if (block.find("launch = \"at_start\"") != std::string::npos)
      out += block;
    else
      ++dropped;
  }
  REQUIRE(dropped >= 11);  // the scenario lists eleven crisis services; if none are found the format changed
  return out;
}

// The scenario text with every crisis phase moved by `days` (start and end lines of each
// [[crisis.phases]] block).
inline std::string with_crisis_moved(const std::string& text, int32_t days) {
  std::istringstream in(text);
  std::string line, out;
  bool phase = false;
  int moved = 0;
  while (std::getline(in, line)) {
    if (line.rfind("[[", 0) == 0) phase = line.rfind("[[crisis.phases]]", 0) == 0;
    for (const char* key : {"start", "end"}) {
      const std::string k = key;
      if (phase && line.rfind(k, 0) == 0 && line.find('=') != std::string::npos) {
        const size_t eq = line.find('=');
        const auto d = Date::parse(line.substr(line.find_first_not_of(' ', eq + 1), 10));
        REQUIRE(d.has_value());
        line = k + " = " + (*d + days).str();
        ++moved;
      }
    }
    out += line + '\n';
  }
  REQUIRE(moved >= 6);
  return out;
}

inline RunResult run_text(const std::string& text, const std::vector<std::string>& sets,
                          uint32_t threads = 2) {
  RunOptions opt;
  opt.threads = threads;
  return run_scenario(parse_scenario(text, "jiaxing_test.toml", sets), opt);
}

inline RunResult run_small(const std::vector<std::string>& extra = {}, uint32_t threads = 2) {
  return run_text(scenario_text(), small(extra), threads);
}

inline const SeriesData& find(const std::vector<SeriesData>& v, const std::string& name) {
  for (const auto& s : v)
    if (s.spec.name == name) return s;
  FAIL("no series " << name);
  throw;
}
inline const SeriesData& daily(const RunResult& r, const std::string& name) {
  return find(r.daily, name);
}
inline const SeriesData& monthly(const RunResult& r, const std::string& name) {
  return find(r.monthly, name);
}

inline double scalar(const RunResult& r, const std::string& name) {
  for (const auto& s : r.summary)
    if (s.name == name) return s.value;
  FAIL("no summary scalar " << name);
  throw;
}

// Index of the calendar month labelled "YYYY-MM".
inline int32_t month(const RunResult& r, const std::string& label) {
  for (int32_t m = 0; m < r.calendar.num_months(); ++m)
    if (r.calendar.month_label(m) == label) return m;
  FAIL("no month " << label);
  throw;
}

inline int32_t tick(const RunResult& r, const std::string& date) {
  const auto d = Date::parse(date);
  REQUIRE(d.has_value());
  const int32_t t = r.calendar.tick_of(*d);
  REQUIRE(t >= 0);
  return t;
}

// Sum of a one-column daily series over ticks [from, to) (to < 0: to the end).
inline double sum(const SeriesData& s, int32_t from = 0, int32_t to = -1) {
  if (to < 0) to = s.rows;
  double t = 0;
  for (int32_t i = from; i < to; ++i) t += s.at(i);
  return t;
}

}  // namespace govsim::jiaxing_test
