#include "sim/regions/csv_reader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/errors.hpp"

namespace govsim {

int CsvFile::column(const std::string& name) const {
  for (size_t i = 0; i < header.fields.size(); ++i)
    if (header.fields[i].text == name) return static_cast<int>(i);
  return -1;
}

int CsvFile::require_column(const std::string& name, const std::string& expected) const {
  const int c = column(name);
  if (c >= 0) return c;
  std::string msg = "missing column '" + name + "'";
  if (!expected.empty()) msg += " (expected " + expected + ")";
  throw InputError(SourceLoc{path, header.line, 1}, name, msg);
}

namespace {

CsvRow parse_line(const std::string& path, const std::string& line, uint32_t line_no) {
  CsvRow row;
  row.line = line_no;
  size_t i = 0;
  const size_t n = line.size();
  while (true) {
    CsvField f;
    f.column = static_cast<uint32_t>(i + 1);
    if (i < n && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (line[i] == '"') {
          if (i + 1 < n && line[i + 1] == '"') { f.text += '"'; i += 2; continue; }
          ++i;
          closed = true;
          break;
        }
        f.text += line[i++];
      }
      if (!closed) throw InputError({path, line_no, f.column}, "", "unterminated quoted field");
      if (i < n && line[i] != ',')
        throw InputError({path, line_no, static_cast<uint32_t>(i + 1)}, "", "expected ',' after a quoted field");
    } else {
      while (i < n && line[i] != ',') f.text += line[i++];
    }
    row.fields.push_back(std::move(f));
    if (i >= n) break;
    ++i;  // the comma
  }
  return row;
}

}  // namespace

CsvFile read_csv(const std::string& path, size_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) throw FileError(path, "cannot read data table: no such file");
  if (!fs::is_regular_file(st)) throw FileError(path, "cannot read data table: not a regular file");
  if (fs::file_size(path, ec) > max_bytes)
    throw FileError(path, "data table larger than " + std::to_string(max_bytes >> 20) + " MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot read data table: permission denied or unreadable");

  CsvFile out;
  out.path = path;
  std::string line;
  uint32_t line_no = 0;
  bool have_header = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (line.empty() || line[0] == '#') continue;
    CsvRow row = parse_line(path, line, line_no);
    if (!have_header) {
      out.header = std::move(row);
      have_header = true;
      continue;
    }
    if (row.fields.size() != out.header.fields.size())
      throw InputError({path, line_no, 1}, "",
                       "expected " + std::to_string(out.header.fields.size()) + " fields (as in the header on line " +
                           std::to_string(out.header.line) + "), got " + std::to_string(row.fields.size()));
    out.rows.push_back(std::move(row));
  }
  if (!have_header) throw InputError({path, 1, 1}, "", "empty data table: expected a header row");
  return out;
}

}  // namespace govsim
