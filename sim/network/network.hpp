#pragma once
// Static networks in compressed sparse row form (Boost.Graph), with a zero-cost view of each
// vertex's neighbours for the hot loop. Undirected ties are stored in both directions.
#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace govsim {

class Network {
 public:
  // 32-bit vertex ids and edge indices: 4 bytes per stored tie, 4 per vertex.
  using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   uint32_t, uint32_t>;
  Network() = default;
  explicit Network(Graph g) : g_(std::move(g)) {}

  const Graph& graph() const { return g_; }
  uint32_t num_vertices() const { return static_cast<uint32_t>(boost::num_vertices(g_)); }
  // Stored (directed) entries; an undirected tie counts twice.
  uint64_t num_entries() const { return boost::num_edges(g_); }
  uint32_t degree(uint32_t v) const { return g_.m_forward.m_rowstart[v + 1] - g_.m_forward.m_rowstart[v]; }
  std::span<const uint32_t> neighbours(uint32_t v) const {
    const uint32_t* col = g_.m_forward.m_column.data();
    return {col + g_.m_forward.m_rowstart[v], col + g_.m_forward.m_rowstart[v + 1]};
  }
  size_t bytes() const {
    return g_.m_forward.m_rowstart.capacity() * sizeof(uint32_t) +
           g_.m_forward.m_column.capacity() * sizeof(uint32_t);
  }

 private:
  Graph g_;
};

}  // namespace govsim
