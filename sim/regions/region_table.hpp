#pragma once
// Regions (counties, cities, provinces) read from data tables: one CSV row per region, and a
// second CSV of region pairs (land borders or travel links). The engine places residents in
// regions; models read region attributes (census shares and the like) by column name.
//
// Table format (RFC 4180 subset: comma-separated, optional double quotes, UTF-8): a header row,
// then one row per region. Lines starting with '#' are comments (keep the source lines there).
// Required columns: `code` (unique), `name`, and the population column named by
// `regions.population_column`. Every other column is an attribute; numeric ones can be read as
// numbers. Border table: columns `a` and `b` (region codes), optional `weight` (> 0, default 1).
// Any mistake is an InputError with file:line:col and the column name.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace govsim {

struct Region {
  std::string code;
  std::string name;
  double population = 0;  // census residents (before population.scale)
};

struct RegionLink {
  uint32_t a = 0, b = 0;  // region indices
  double weight = 1.0;
};

class RegionTable {
 public:
  const std::vector<Region>& regions() const { return regions_; }
  size_t size() const { return regions_.size(); }
  const std::vector<RegionLink>& links() const { return links_; }
  // Neighbours of region r with their link weights (both directions of every link).
  const std::vector<std::pair<uint32_t, double>>& neighbours(uint32_t r) const { return adjacency_[r]; }
  // An attribute column as numbers (throws std::logic_error if absent: check with has_column).
  const std::vector<double>& numeric(const std::string& column) const;
  bool has_numeric(const std::string& column) const { return numeric_.count(column) != 0; }
  std::vector<std::string> codes() const;
  std::vector<std::string> names() const;
  const std::string& path() const { return path_; }

  // Reads the region table. Throws FileError (cannot read) or InputError (file:line:col).
  static RegionTable load(const std::string& path, const std::string& population_column);
  // Adds the links of a border / travel table; codes must name regions of this table.
  void load_links(const std::string& path);

 private:
  std::string path_;
  std::vector<Region> regions_;
  std::map<std::string, uint32_t> index_;
  std::map<std::string, std::vector<double>> numeric_;
  std::vector<RegionLink> links_;
  std::vector<std::vector<std::pair<uint32_t, double>>> adjacency_;
};

// Residents simulated in each region: round(population * scale), at least 1 for a populated region.
std::vector<uint32_t> scaled_region_sizes(const RegionTable& t, double scale);

}  // namespace govsim
