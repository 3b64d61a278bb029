#pragma once
// A small CSV reader for data tables: rows of fields with the line and column where each field
// starts, so errors can point at the exact cell. RFC 4180 subset: commas, optional double quotes
// ("" inside quotes is a quote), no newlines inside fields. '#' lines and blank lines are skipped.
#include <cstdint>
#include <string>
#include <vector>

namespace govsim {

struct CsvField {
  std::string text;
  uint32_t column = 0;  // 1-based byte column where the field starts
};

struct CsvRow {
  std::vector<CsvField> fields;
  uint32_t line = 0;  // 1-based
};

struct CsvFile {
  std::string path;
  CsvRow header;
  std::vector<CsvRow> rows;
  // Index of a header column, or -1.
  int column(const std::string& name) const;
  // Index of a header column; InputError at the header line, keyed by the column's name, if it is
  // missing: "missing column 'name'", followed by " (expected <expected>)" if expected is not empty.
  int require_column(const std::string& name, const std::string& expected = "") const;
};

// Throws FileError if the file cannot be read (missing, directory, not a regular file, larger
// than `max_bytes`), InputError for a malformed line (unterminated quote, wrong field count).
CsvFile read_csv(const std::string& path, size_t max_bytes = 256u << 20);

}  // namespace govsim
