// Issue 17 ("a researcher's first afternoon"): export to tidy CSV (exact round trip), monthly
// values in `govsim info`, `govsim params --model/--grep`, default output names that reflect
// --set, key figures beside published targets, and the progress display.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/cli/output_name.hpp"
#include "sim/cli/progress_display.hpp"
#include "sim/io/result_info.hpp"
#include "sim/io/result_tables.hpp"
#include "test_support.hpp"

using govsim::testing::q;

namespace fs = std::filesystem;
using govsim::testing::run_command;
using govsim::testing::run_govsim;
using govsim::testing::TempDir;
using govsim::testing::write_file;

namespace {

const char* kSmall = R"([run]
model = "reference"
seed = 5
[calendar]
start = 2020-01-01
end = 2020-03-31
[population]
residents = 2000
[[crisis.phases]]
kind = "mid"
start = 2020-01-20
end = 2020-02-10
intensity = 1.0
)";


std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, ',')) out.push_back(f);
  return out;
}

std::vector<std::vector<std::string>> read_csv(const fs::path& p) {
  std::istringstream in(govsim::testing::read_file(p));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) rows.push_back(split(line));
  return rows;
}

}  // namespace

TEST_CASE("export writes tidy CSV tables that round-trip exactly", "[cli][export]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  REQUIRE(run_govsim("run " + q(dir / "s.toml") + " -q -o " + q(dir / "r.h5")).exit_code == 0);
  const auto r = run_govsim("export " + q(dir / "r.h5") + " --csv " + q(dir / "csv") + " --long " + q(dir / "long.csv"));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"daily.csv", "monthly.csv", "scalars.csv", "calendar.csv"}) CHECK(fs::exists(dir / "csv" / f));

  const auto daily = read_csv(dir / "csv" / "daily.csv");
  REQUIRE(daily.size() > 1);
  CHECK(daily[0] == std::vector<std::string>{"date", "series", "group", "value", "unit"});
  // Rebuild every daily series from the table and compare it with the HDF5 dataset bit for bit.
  std::map<std::string, std::map<std::string, std::vector<double>>> got;  // series -> group -> values
  for (size_t i = 1; i < daily.size(); ++i) {
    REQUIRE(daily[i].size() == 5);
    got[daily[i][1]][daily[i][2]].push_back(std::strtod(daily[i][3].c_str(), nullptr));
  }
  const govsim::ResultTables t = govsim::read_result_tables((dir / "r.h5").string());
  REQUIRE(got.size() == t.daily.size());
  for (const auto& s : t.daily) {
    std::vector<size_t> shape;
    const auto v = govsim::read_double_dataset((dir / "r.h5").string(), "/series/daily/" + s.name, &shape);
    const size_t w = shape.size() > 1 ? shape[1] : 1;
    for (size_t c = 0; c < w; ++c) {
      const auto& col = got[s.name][w == 1 ? "all" : s.groups[c]];
      REQUIRE(col.size() == shape[0]);
      for (size_t row = 0; row < shape[0]; ++row) REQUIRE(col[row] == v[row * w + c]);
    }
  }
  CHECK(daily[1][0] == "2020-01-01");

  const auto monthly = read_csv(dir / "csv" / "monthly.csv");
  REQUIRE(monthly.size() > 1);
  CHECK(monthly[1][0] == "2020-01");

  const auto lng = read_csv(dir / "long.csv");
  CHECK(lng[0] == std::vector<std::string>{"frequency", "date", "series", "group", "value", "unit"});
  CHECK(lng.size() == daily.size() + monthly.size() - 1);

  // Standard output, a series filter, and errors.
  const auto one = run_govsim("export " + q(dir / "r.h5") + " --long - --series rate_active");
  CHECK(one.exit_code == 0);
  CHECK(one.output.find("daily,2020-01-01,rate_active,all,") != std::string::npos);
  CHECK(one.output.find("n_active") == std::string::npos);
  CHECK(run_govsim("export " + q(dir / "r.h5")).exit_code == 2);  // nowhere to write
  const auto bad = run_govsim("export " + q(dir / "r.h5") + " --long - --series nope");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("no series 'nope'") != std::string::npos);
  CHECK(run_govsim("export " + q(dir / "absent.h5") + " --long x.csv").exit_code == 1);
}

TEST_CASE("info shows monthly series as values", "[cli][info]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  REQUIRE(run_govsim("run " + q(dir / "s.toml") + " -q -o " + q(dir / "r.h5")).exit_code == 0);
  const auto info = run_govsim("info " + q(dir / "r.h5"));
  INFO(info.output);
  REQUIRE(info.exit_code == 0);
  CHECK(info.output.find("monthly series (value per month") != std::string::npos);
  CHECK(info.output.find("2020-01 ") != std::string::npos);
  CHECK(info.output.find("2020-03 ") != std::string::npos);
  CHECK(info.output.find("rate_active [fraction; monthly mean of daily values]") != std::string::npos);
}

TEST_CASE("params filters by model and by word", "[cli][params]") {
  const auto all = run_govsim("params");
  const auto jx = run_govsim("params --model jiaxing");
  const auto jx2 = run_govsim("params jiaxing");
  REQUIRE(jx.exit_code == 0);
  CHECK(jx.output == jx2.output);
  CHECK(jx.output.size() < all.output.size());
  CHECK(jx.output.find("jiaxing.") != std::string::npos);
  CHECK(jx.output.find("population.residents") != std::string::npos);  // engine sections stay
  CHECK(jx.output.find("collab.") == std::string::npos);
  CHECK(jx.output.find("reference.") == std::string::npos);
  const auto g = run_govsim("params --grep residents");
  REQUIRE(g.exit_code == 0);
  CHECK(g.output.find("population.residents") != std::string::npos);
  CHECK(g.output.size() < all.output.size());
  const auto md = run_govsim("params --model collab --grep platform --markdown");
  CHECK(md.exit_code == 0);
  CHECK(md.output.find("collab.platform") != std::string::npos);
  const auto bad = run_govsim("params --model jiaxin");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("models: ") != std::string::npos);
  CHECK(run_govsim("params --grep zzzqqq").exit_code == 1);
}

TEST_CASE("the default output name reflects --set and --seed", "[cli][run]") {
  using govsim::cli::default_output_name;
  CHECK(default_output_name("scenarios/a.toml", {}, std::nullopt) == "a.h5");
  CHECK(default_output_name("scenarios/a.toml", {"jiaxing.conditions.accountability=false"}, 7) ==
        "a__jiaxing.conditions.accountability=false__seed=7.h5");
  CHECK(default_output_name("a.toml", {"x.y=\"a b/c\""}, std::nullopt) == "a__x.y=_a_b_c_.h5");
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  const std::string g = "'" + govsim::testing::govsim_binary().string() + "'";
  REQUIRE(run_command("cd " + q(dir.path()) + " && " + g + " run s.toml -q --set population.residents=1500").exit_code == 0);
  REQUIRE(run_command("cd " + q(dir.path()) + " && " + g + " run s.toml -q --set population.residents=1800").exit_code == 0);
  CHECK(fs::exists(dir / "s__population.residents=1500.h5"));
  CHECK(fs::exists(dir / "s__population.residents=1800.h5"));
}

TEST_CASE("a run of a case with targets prints its key figures beside the published ones", "[cli][targets]") {
  TempDir dir;
  write_file(dir / "s.toml", kSmall);
  fs::create_directories(dir / "targets");
  write_file(dir / "targets" / "toy.toml", R"(case = "toy"
title = "toy case"
scenarios = ["s.toml"]
population_reference = 4000
[[target]]
id = "rate_feb"
label = "mean active share, Feb 2020"
kind = "point"
value = 0.5
unit = "share of residents"
maps_to = { series = "rate_active", month = "2020-02" }
tolerance = { absolute = 0.5, reason = "anything goes" }
key = true
[[target]]
id = "missing"
label = "a scalar this model lacks"
kind = "lower"
value = 10
unit = "things"
maps_to = { scalar = "no_such_scalar", scale = "population" }
tolerance = { factor = 2.0, reason = "test" }
key = true
)");
  const auto r = run_command("GOVSIM_TARGETS_DIR=" + q(dir / "targets") + " '" +
                             govsim::testing::govsim_binary().string() + "' run " + q(dir / "s.toml") + " -o " +
                             q(dir / "r.h5") + " 2>&1");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(r.output.find("key figures vs published (toy case") != std::string::npos);
  CHECK(r.output.find("mean active share, Feb 2020") != std::string::npos);
  CHECK(r.output.find("within") != std::string::npos);
  CHECK(r.output.find("not in this result") != std::string::npos);
  // No targets file names the scenario: nothing extra is printed.
  write_file(dir / "other.toml", kSmall);
  const auto r2 = run_govsim("run " + q(dir / "other.toml") + " -o " + q(dir / "r2.h5"));
  CHECK(r2.output.find("key figures") == std::string::npos);
}

TEST_CASE("the progress display stays silent on short runs and reports days, speed and ETA", "[cli][progress]") {
  using govsim::cli::ProgressDisplay;
  CHECK(ProgressDisplay::line(100, 400, 1e6, 10.0) == "day 100/400 (25 %), 1e+07 agent-days/s, ETA 30 s");
  CHECK(ProgressDisplay::line(10, 400, 1e6, 10.0).find("ETA 6 min 30 s") != std::string::npos);
  CHECK(ProgressDisplay::line(110, 400, 1e6, 10.0, 10) == "day 110/400 (28 %), 1e+07 agent-days/s, ETA 29 s");
  char buf[4096] = {};
  std::FILE* f = fmemopen(buf, sizeof buf, "w");
  ProgressDisplay plain(f, 1000, false, 3.0, 10.0);
  plain.update_at(1, 100, 1.0);  // before the delay: nothing
  CHECK_FALSE(plain.shown());
  plain.update_at(20, 100, 4.0);  // first line
  plain.update_at(21, 100, 5.0);  // too soon for another plain line
  plain.update_at(60, 100, 15.0);
  plain.update_at(100, 100, 20.0);  // the last day is always shown
  plain.finish();
  std::fclose(f);
  const std::string text = buf;
  // Speed and ETA count from the first update (day 1 at 1 s): set-up time is not simulation time.
  CHECK(text == "govsim: day 20/100 (20 %), 6.33e+03 agent-days/s, ETA 13 s\n"
                "govsim: day 60/100 (60 %), 4.21e+03 agent-days/s, ETA 9 s\n"
                "govsim: day 100/100 (100 %), 5.21e+03 agent-days/s, ETA 0 s\n");
  char tbuf[4096] = {};
  std::FILE* tf = fmemopen(tbuf, sizeof tbuf, "w");
  ProgressDisplay term(tf, 1000, true, 0.0);
  term.update_at(50, 100, 1.0);
  term.finish();
  std::fclose(tf);
  CHECK(std::string(tbuf).rfind("\rgovsim: day 50/100", 0) == 0);
  CHECK(std::string(tbuf).back() == '\n');
}
