// Saving and restoring a Simulation for checkpoints (docs/checkpoints.md). The file format is
// sim/checkpoint's business; here: what the engine's own state is and how it is put back.
#include <set>
#include <typeinfo>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"

namespace govsim {
namespace {

ElemType elem_type_of_column(const ColumnBase& c) {
  const std::type_info& t = c.type();
  if (t == typeid(uint8_t) || t == typeid(bool)) return ElemType::U8;
  if (t == typeid(int8_t)) return ElemType::I8;
  if (t == typeid(uint16_t)) return ElemType::U16;
  if (t == typeid(int16_t)) return ElemType::I16;
  if (t == typeid(uint32_t)) return ElemType::U32;
  if (t == typeid(int32_t)) return ElemType::I32;
  if (t == typeid(uint64_t)) return ElemType::U64;
  if (t == typeid(int64_t)) return ElemType::I64;
  if (t == typeid(float)) return ElemType::F32;
  if (t == typeid(double)) return ElemType::F64;
  throw std::logic_error("column '" + c.name() + "' has a type checkpoints cannot store");
}

size_t elem_size(ElemType t) {
  switch (t) {
    case ElemType::U8: case ElemType::I8: return 1;
    case ElemType::U16: case ElemType::I16: return 2;
    case ElemType::U32: case ElemType::I32: case ElemType::F32: return 4;
    default: return 8;
  }
}

// Gives a model or component its own namespace of names ("model/...", "components/epidemic/...").
class PrefixWriter final : public StateWriter {
 public:
  PrefixWriter(StateWriter& w, std::string prefix) : w_(w), prefix_(std::move(prefix)) {}
  void write(const std::string& n, ElemType t, const void* d, size_t c) override { w_.write(prefix_ + n, t, d, c); }
  void write_strings(const std::string& n, const std::vector<std::string>& v) override { w_.write_strings(prefix_ + n, v); }

 private:
  StateWriter& w_;
  std::string prefix_;
};

class PrefixReader final : public StateReader {
 public:
  PrefixReader(const StateReader& r, std::string prefix) : r_(r), prefix_(std::move(prefix)) {}
  size_t count(const std::string& n, ElemType t) const override { return r_.count(prefix_ + n, t); }
  void read(const std::string& n, ElemType t, void* d, size_t c) const override { r_.read(prefix_ + n, t, d, c); }
  std::vector<std::string> read_strings(const std::string& n) const override { return r_.read_strings(prefix_ + n); }

 private:
  const StateReader& r_;
  std::string prefix_;
};

[[noreturn]] void bad(const std::string& what) { throw DataError(what); }

}  // namespace

void Simulation::save_state(StateWriter& out) const {
  out.put_value("engine/tick", tick_);  // days finished
  out.write_strings("engine/event_log", event_log_);
  if (driver_) {
    out.put_value("engine/signal_intensity", signal_.intensity);
    out.put_value("engine/signal_phase", uint8_t(signal_.phase));
    std::vector<uint8_t> phase(driven_phase_.size());
    for (size_t t = 0; t < phase.size(); ++t) phase[t] = uint8_t(driven_phase_[t]);
    out.put("engine/driven_phase", phase);
    out.put("engine/driven_intensity", driven_intensity_);
  }
  for (const auto& [kind, store] : world_->stores())
    for (const auto& col : store->columns()) {
      const ElemType t = elem_type_of_column(*col);
      const size_t n = col->raw(false).size() / elem_size(t);
      out.write("stores/" + kind + "/" + col->name(), t, col->raw(false).data(), n);
      // The second buffer of a double-buffered column: most rules overwrite it whole, but
      // saving it costs little and makes continuation exact whatever a rule leaves in it.
      if (!col->raw(true).empty())
        out.write("stores/" + kind + "/" + col->name() + ".next", t, col->raw(true).data(), n);
    }
  for (const auto& [name, net] : world_->networks()) {
    out.put("networks/" + name + "/row_start", net.graph().m_forward.m_rowstart);
    out.put("networks/" + name + "/column", net.graph().m_forward.m_column);
  }
  if (!world_->networks().empty()) {
    const CommunityLayout& lay = world_->layout();
    out.put("layout/household", lay.household);
    out.put("layout/community", lay.community);
    out.put_value("layout/num_households", lay.num_households);
    out.put_value("layout/num_communities", lay.num_communities);
    out.put("layout/region_offset", lay.region_offset);
    out.put("layout/community_offset", lay.community_offset);
  }
  // The whole arrays, zeros after today included: restoring them is one copy.
  for (const SeriesData& d : recorder_->daily()) out.put("metrics/daily/" + d.spec.name, d.values);
  for (const SeriesData& d : recorder_->explicit_monthly()) out.put("metrics/monthly/" + d.spec.name, d.values);
  for (size_t k = 0; k < components_.size(); ++k) {
    PrefixWriter w(out, "components/" + component_names_[k] + "/");
    components_[k]->save_state(w);
  }
  PrefixWriter w(out, "model/");
  model_->save_state(w);
}

// Networks and layout, checked so that no id read from the file can index out of range in a step.
void Simulation::load_world_structure(const StateReader& in) {
  const uint32_t n = world_->has_store("residents") ? world_->store("residents").size() : 0;
  CommunityLayout& lay = world_->layout();
  lay.household = in.get_vector<uint32_t>("layout/household");
  lay.community = in.get_vector<uint32_t>("layout/community");
  lay.num_households = in.get_value<uint32_t>("layout/num_households");
  lay.num_communities = in.get_value<uint32_t>("layout/num_communities");
  lay.region_offset = in.get_vector<uint32_t>("layout/region_offset");
  lay.community_offset = in.get_vector<uint32_t>("layout/community_offset");
  if (lay.household.size() != n || lay.community.size() != n) bad("layout: not one entry per resident");
  for (uint32_t i = 0; i < n; ++i)
    if (lay.household[i] >= lay.num_households || lay.community[i] >= lay.num_communities)
      bad("layout: a household or community id out of range");
  auto monotone = [](const std::vector<uint32_t>& v, uint32_t last) {
    for (size_t k = 1; k < v.size(); ++k)
      if (v[k] < v[k - 1]) return false;
    return !v.empty() && v.front() == 0 && v.back() == last;
  };
  if (!monotone(lay.region_offset, n)) bad("layout/region_offset: not offsets over the residents");
  if (!lay.community_offset.empty() && !monotone(lay.community_offset, lay.num_communities))
    bad("layout/community_offset: not offsets over the communities");
  const uint32_t regions = world_->regions() ? world_->regions()->size() : 1;
  if (lay.num_regions() != regions) bad("layout/region_offset: not one entry per region");

  std::set<std::string> names;
  for (const NetworkSpec& s : info_->world.networks) names.insert(s.name);
  for (const std::string& c : component_names_)
    for (const std::string& s : find_component(c)->networks) names.insert(s);
  for (const std::string& name : names) {
    Network::Graph g;
    auto& row = g.m_forward.m_rowstart;
    auto& col = g.m_forward.m_column;
    row = in.get_vector<uint32_t>("networks/" + name + "/row_start");
    col = in.get_vector<uint32_t>("networks/" + name + "/column");
    if (row.size() != size_t(n) + 1 || row.front() != 0 || row.back() != col.size())
      bad("networks/" + name + ": row offsets do not match the residents and ties");
    for (uint32_t v = 0; v < n; ++v)
      if (row[v + 1] < row[v]) bad("networks/" + name + "/row_start: offsets decrease");
    for (uint32_t j : col)
      if (j >= n) bad("networks/" + name + "/column: a neighbour id out of range");
    world_->add_network(name, Network(std::move(g)));
  }
}

void Simulation::restore_state(const StateReader& in) {
  const Calendar& cal = world_->calendar();
  const int32_t done = in.get_value<int32_t>("engine/tick");
  if (done < 1 || done > cal.num_ticks()) bad("engine/tick: outside the scenario's calendar");
  tick_ = done;

  // Parameters as they stood at the end of the checkpoint day: every event up to it applied (the
  // log of those applications is the checkpoint's, with the original files' locations).
  const std::vector<ParamEvent>& events = params_.events();
  const Date last = cal.date(done - 1);
  while (next_event_ < events.size() && events[next_event_].date <= last) {
    const ParamEvent ev = events[next_event_++];
    for (const auto& [key, v] : ev.set) params_.set(key, v.value, v.loc);
  }
  if (next_event_ > 0) reconfigure();
  event_log_ = in.read_strings("engine/event_log");

  if (driver_) {
    signal_.intensity = in.get_value<double>("engine/signal_intensity");
    const uint8_t ph = in.get_value<uint8_t>("engine/signal_phase");
    if (ph > uint8_t(Phase::Post)) bad("engine/signal_phase: not a phase");
    signal_.phase = Phase(ph);
    const auto phase = in.get_vector<uint8_t>("engine/driven_phase");
    if (phase.size() != driven_phase_.size()) bad("engine/driven_phase: not one entry per day");
    for (size_t t = 0; t < phase.size(); ++t) {
      if (phase[t] > uint8_t(Phase::Post)) bad("engine/driven_phase: not a phase");
      driven_phase_[t] = Phase(phase[t]);
    }
    in.get("engine/driven_intensity", std::span<double>(driven_intensity_));
  }
  for (const auto& [kind, store] : world_->stores())
    for (const auto& col : store->columns()) {
      const ElemType t = elem_type_of_column(*col);
      const auto cur = col->raw(false);
      in.read("stores/" + kind + "/" + col->name(), t, cur.data(), cur.size() / elem_size(t));
      const auto next = col->raw(true);
      if (!next.empty()) in.read("stores/" + kind + "/" + col->name() + ".next", t, next.data(), next.size() / elem_size(t));
    }
  for (SeriesData& d : recorder_->daily_for_restore()) in.get("metrics/daily/" + d.spec.name, std::span<double>(d.values));
  for (SeriesData& d : recorder_->explicit_monthly_for_restore())
    in.get("metrics/monthly/" + d.spec.name, std::span<double>(d.values));
  for (size_t k = 0; k < components_.size(); ++k) components_[k]->load_state(PrefixReader(in, "components/" + component_names_[k] + "/"));
  model_->load_state(PrefixReader(in, "model/"));
}

}  // namespace govsim
