// `govsim export`: a single-run result file -> tidy CSV tables (date, series, group, value, unit)
// for R, pandas, spreadsheets. Reference: docs/export.md.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/atomic_write.hpp"
#include "sim/io/result_tables.hpp"

namespace govsim::cli {
namespace {

struct ExportArgs {
  std::string file, csv_dir, long_file;
  std::vector<std::string> series;
  bool quiet = false;
};

template <class F>
void write_text_file(const std::string& path, const std::string& what, F&& body) {
  write_file_atomically(path, what, [&](const std::string& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) throw FileError(tmp, "cannot open for writing");
    body(out);
    out.flush();
    if (!out) throw FileError(tmp, "write failed (disk full?)");
  });
}

void export_main(const ExportArgs& a) {
  if (a.csv_dir.empty() && a.long_file.empty())
    throw UsageError("export: say where to write: --csv DIR (one table per kind) and/or --long FILE.csv "
                     "(one table; `-` for standard output)");
  const ResultTables t = read_result_tables(a.file);
  for (const std::string& s : a.series) {
    bool found = false;
    for (const auto* list : {&t.daily, &t.monthly})
      for (const auto& x : *list) found = found || x.name == s;
    if (!found) throw UsageError("export: " + a.file + " has no series '" + s + "' (see `govsim info " + a.file + "`)");
  }
  std::vector<std::string> wrote;
  if (!a.csv_dir.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(a.csv_dir, ec);
    if (!fs::is_directory(a.csv_dir)) throw FileError(a.csv_dir, "cannot create directory");
    const fs::path d(a.csv_dir);
    write_text_file((d / "daily.csv").string(), "daily table",
                    [&](std::ostream& o) { write_long_csv(o, t, true, false, false, a.series); });
    write_text_file((d / "monthly.csv").string(), "monthly table",
                    [&](std::ostream& o) { write_long_csv(o, t, false, true, false, a.series); });
    write_text_file((d / "scalars.csv").string(), "summary scalars", [&](std::ostream& o) { write_scalars_csv(o, t); });
    write_text_file((d / "calendar.csv").string(), "calendar", [&](std::ostream& o) { write_calendar_csv(o, t); });
    for (const char* n : {"daily.csv", "monthly.csv", "scalars.csv", "calendar.csv"}) wrote.push_back((d / n).string());
  }
  if (a.long_file == "-") {
    write_long_csv(std::cout, t, true, true, true, a.series);
    std::cout.flush();
  } else if (!a.long_file.empty()) {
    write_text_file(a.long_file, "long table", [&](std::ostream& o) { write_long_csv(o, t, true, true, true, a.series); });
    wrote.push_back(a.long_file);
  }
  if (!a.quiet && !wrote.empty()) {
    std::string list;
    for (const auto& w : wrote) list += (list.empty() ? "" : ", ") + w;
    std::fprintf(a.long_file == "-" ? stderr : stdout, "govsim: wrote %s\n", list.c_str());
  }
}

}  // namespace

void add_export_command(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export", "Write a result file's series as tidy CSV tables: one row per date, series and group "
                "(columns date,series,group,value,unit), for R, pandas or a spreadsheet. See docs/export.md.");
  cmd->add_option("file", a->file, "Result file written by `govsim run`.")->required();
  cmd->add_option("--csv", a->csv_dir,
                  "Directory to write daily.csv, monthly.csv (date = YYYY-MM), scalars.csv (name,value,unit,"
                  "description) and calendar.csv (date,month,phase) into; created if missing.")
      ->type_name("DIR");
  cmd->add_option("--long", a->long_file,
                  "One table of every daily and monthly value, with a first column frequency (daily / monthly); "
                  "`-` writes to standard output.")
      ->type_name("FILE.csv");
  cmd->add_option("--series", a->series, "Only these series (repeatable); default: all.")->type_name("NAME");
  cmd->add_flag("-q,--quiet", a->quiet, "Print nothing on success.");
  cmd->callback([a] { export_main(*a); });
}

}  // namespace govsim::cli
