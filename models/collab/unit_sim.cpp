#include "models/collab/unit_sim.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "models/collab/participation.hpp"
#include "sim/core/errors.hpp"

namespace govsim::collab {
namespace {

// A public sub-task whose task has asked this many residents in vain is given up: the threshold
// is too high for anyone to take part (reported as a dropped task, never an endless loop).
constexpr uint16_t kMaxAsksPerTask = 1000;

bool later(const auto& a, const auto& b) { return a.time > b.time || (a.time == b.time && int32_t(a.seq - b.seq) > 0); }

}  // namespace

UnitSim::UnitSim(uint32_t unit, uint32_t resident_begin, uint32_t resident_end, uint32_t first_official,
                 uint32_t grid_workers, const std::vector<uint32_t>& desk_staff)
    : unit_(unit), res_begin_(resident_begin), res_end_(resident_end) {
  desks_.resize(desk_staff.size() + 1);
  uint32_t id = first_official;
  for (size_t d = 0; d < desks_.size(); ++d) {
    const uint32_t staff = d == 0 ? grid_workers : desk_staff[d - 1];
    desks_[d].first_official = id;
    // Stack of free servers, lowest id on top so the first official is used first.
    for (uint32_t s = staff; s-- > 0;) desks_[d].free_servers.push_back(id + s);
    id += staff;
  }
  num_officials_ = id - first_official;
}

void UnitSim::trace(TraceRecord::What what, uint32_t slot, int sub, double t, bool non_converged) const {
  const Task& k = tasks_[slot];
  trace_(trace_context_, {what, t, slot, k.gen, sub, k.plan->kind, k.plan->num_subtasks, k.n_public, k.rounds,
                          non_converged});
}

// --- random numbers ------------------------------------------------------------------------
uint32_t UnitSim::below(uint32_t n) {
  if (word_ >= 4) {
    words_ = rng_->draw4(static_cast<uint32_t>(tick_), unit_, draw_++);
    word_ = 0;
  }
  return CounterRng::below(words_[word_++], n);
}

double UnitSim::uniform() {
  if (word_ >= 3) {
    words_ = rng_->draw4(static_cast<uint32_t>(tick_), unit_, draw_++);
    word_ = 0;
  }
  const double u = CounterRng::to_unit(words_[word_], words_[word_ + 1]);
  word_ += 2;
  return u;
}

double UnitSim::exponential(double mean) { return mean > 0 ? -mean * std::log1p(-uniform()) : 0.0; }

uint32_t UnitSim::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean < 50) return CounterRng::poisson_inversion(mean, uniform());
  // Normal approximation (relative error of the variance below 1 % at these means).
  const double r = std::sqrt(-2.0 * std::log1p(-uniform()));
  const double z = r * std::cos(6.283185307179586 * uniform());
  return static_cast<uint32_t>(std::max(0.0, std::round(mean + std::sqrt(mean) * z)));
}

// --- event queue ---------------------------------------------------------------------------
void UnitSim::push(double time, EventType type, uint32_t slot, uint8_t sub, uint16_t desk, Purpose purpose,
                   uint32_t server) {
  heap_.push_back({time, seq_++, slot, tasks_.empty() ? 0 : tasks_[slot].gen, server, desk, sub, type, purpose});
  std::push_heap(heap_.begin(), heap_.end(), [](const Event& a, const Event& b) { return later(a, b); });
}

double UnitSim::work_finish(double t, double hours) const {
  const double open = p_->office_start_hour, len = p_->office_hours;
  if (len >= 24) return t + hours;
  double day = std::floor(t / 24), local = t - day * 24;
  if (local < open) local = open;
  else if (local >= open + len) { day += 1; local = open; }
  for (;;) {
    const double left = open + len - local;
    if (hours <= left) return day * 24 + local + hours;
    hours -= left;
    day += 1;
    local = open;
  }
}

// --- the day -------------------------------------------------------------------------------
void UnitSim::step_day(int32_t tick, const DayConditions& day, double arrivals_mean, const CollabParams& p,
                       const PlanLibrary& plans, const CounterRng& rng, const ResidentColumns& residents,
                       float* official_busy_hours) {
  tick_ = tick;
  draw_ = 0;
  word_ = 4;
  p_ = &p;
  c_ = &day.costs;
  day_ = &day;
  plans_ = &plans;
  rng_ = &rng;
  res_ = residents;
  busy_ = official_busy_hours;
  tally_.clear();

  const double day0 = 24.0 * tick;
  const uint32_t arrivals = poisson(arrivals_mean);
  for (uint32_t i = 0; i < arrivals; ++i)
    push(day0 + p.arrive_start_hour + uniform() * (p.arrive_end_hour - p.arrive_start_hour), EventType::Arrive, 0, 0);
  if (day.minor_per_day > 0) {  // induced minor matters (sub = 1 marks them)
    const uint32_t minor = poisson(day.minor_per_day);
    for (uint32_t i = 0; i < minor; ++i)
      push(day0 + p.arrive_start_hour + uniform() * (p.arrive_end_hour - p.arrive_start_hour), EventType::Arrive, 0, 1);
  }

  const double day_end = day0 + 24.0;
  auto cmp = [](const Event& a, const Event& b) { return later(a, b); };
  while (!heap_.empty() && heap_.front().time < day_end) {
    std::pop_heap(heap_.begin(), heap_.end(), cmp);
    const Event e = heap_.back();
    heap_.pop_back();
    if (e.type == EventType::Arrive) {
      create_task(e.time, tick, e.sub != 0);
      continue;
    }
    if (e.type == EventType::DeskDone) {
      on_desk_done(e);
      continue;
    }
    const Task& k = tasks_[e.slot];
    if (!k.active || k.gen != e.gen) continue;  // the task was dropped meanwhile
    switch (e.type) {
      case EventType::AtDesk: enqueue(e.slot, e.sub, e.desk, e.purpose, e.time); break;
      case EventType::Ask: on_ask(e); break;
      case EventType::PublicDone:
        ++tasks_[e.slot].routing_steps;  // resident -> grid worker
        if (c_->intake_hours > 0) {
          enqueue(e.slot, e.sub, 0, Purpose::Intake, e.time);
        } else {
          ++tally_.count[kPublicContributions];
          subtask_done(e.slot, e.sub, e.time);
        }
        break;
      default: break;
    }
  }
}

void UnitSim::create_task(double time, int32_t tick, bool minor) {
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(tasks_.size());
    tasks_.emplace_back();
  }
  Task& k = tasks_[slot];
  const uint32_t gen = k.gen + 1;
  k = Task{};
  k.gen = gen;
  k.active = true;
  k.arrival = time;
  k.arrival_tick = tick;
  if (minor) {  // one official sub-task in one department, no public input
    k.minor = true;
    k.plan = &plans_->get(Interdependence::Pooled, 1);
    k.desk[0] = static_cast<uint8_t>(1 + below(static_cast<uint32_t>(desks_.size() - 1)));
    k.lead_desk = k.desk[0];
    k.stages_left = k.plan->num_stages;
    k.preds_left = k.plan->stage_preds;
    ++tally_.count[kMinorArrived];
    start_stage(slot, 0, time);
    return;
  }

  // Participation: each public slot is filled with probability `participation`.
  int m = 0;
  for (int i = 0; i < p_->max_public_subtasks; ++i) m += uniform() < p_->participation;
  const int officials = p_->official_subtasks;
  if (m + officials == 0) m = 1;
  // Interdependence: mix the two kinds either side of the axis value.
  const double d = p_->interdependence;
  Interdependence kind;
  if (d <= 1) kind = uniform() < d ? Interdependence::Sequential : Interdependence::Pooled;
  else kind = uniform() < d - 1 ? Interdependence::Reciprocal : Interdependence::Sequential;
  k.plan = &plans_->get(kind, m + officials);
  k.n_public = static_cast<uint8_t>(m);
  // Official sub-tasks go to distinct departments (desks 1..D).
  const uint32_t D = static_cast<uint32_t>(desks_.size() - 1);
  for (int i = 0; i < officials; ++i) {
    uint8_t desk;
    bool clash;
    do {
      desk = static_cast<uint8_t>(1 + below(D));
      clash = false;
      for (int j = 0; j < i; ++j) clash |= k.desk[m + j] == desk;
    } while (clash);
    k.desk[m + i] = desk;
  }
  k.lead_desk = officials > 0 ? k.desk[m] : 0;
  k.stages_left = k.plan->num_stages;
  k.preds_left = k.plan->stage_preds;
  ++open_;
  ++tally_.count[kArrived];
  if (trace_) trace(TraceRecord::What::Arrive, slot, -1, time);
  for (int s = 0; s < k.plan->num_stages; ++s)
    if (k.preds_left[s] == 0) start_stage(slot, s, time);
}

void UnitSim::start_stage(uint32_t slot, int stage, double t) {
  Task& k = tasks_[slot];
  k.members_left[stage] = k.plan->stage_size[stage];
  for (int v = 0; v < k.plan->num_subtasks; ++v)
    if (k.plan->stage_of[v] == stage) dispatch(slot, v, t);
}

void UnitSim::dispatch(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  if (trace_) trace(TraceRecord::What::Dispatch, slot, sub, t);
  ++k.messages;  // the request or hand-over itself
  if (is_public(k, sub)) {
    push(t + exponential(c_->ask_hours), EventType::Ask, slot, static_cast<uint8_t>(sub));
  } else if (k.routed >> sub & 1u) {  // a later round: the desk is known
    push(t + exponential(c_->handoff_hours), EventType::AtDesk, slot, static_cast<uint8_t>(sub), k.desk[sub]);
  } else {
    route(slot, sub, t);
  }
}

void UnitSim::route(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  k.routed |= 1u << sub;
  ++tally_.count[kRoutings];
  double latency;
  if (uniform() < c_->auto_dispatch) {
    ++tally_.count[kAutoDispatched];
    k.routing_steps += 1;
    latency = exponential(c_->handoff_hours);
  } else {  // by hand, through the intermediate desks
    k.routing_steps += static_cast<uint16_t>(1 + c_->routing_levels);
    k.messages += static_cast<uint32_t>(c_->routing_levels);
    latency = 0;
    for (int l = 0; l <= c_->routing_levels; ++l) latency += exponential(c_->handoff_hours);
    if (desks_.size() > 2 && uniform() < c_->misroute_prob) {
      ++tally_.count[kMisroutes];
      uint16_t wrong = static_cast<uint16_t>(1 + below(static_cast<uint32_t>(desks_.size() - 2)));
      if (wrong >= k.desk[sub]) ++wrong;  // any department but the right one
      push(t + latency, EventType::AtDesk, slot, static_cast<uint8_t>(sub), wrong, Purpose::Triage);
      return;
    }
  }
  push(t + latency, EventType::AtDesk, slot, static_cast<uint8_t>(sub), k.desk[sub]);
}

void UnitSim::enqueue(uint32_t slot, int sub, int desk, Purpose purpose, double t) {
  desks_[desk].queue.push_back({slot, tasks_[slot].gen, static_cast<uint8_t>(sub), purpose});
  try_start(desk, t);
}

void UnitSim::try_start(int d, double t) {
  Desk& desk = desks_[d];
  while (!desk.free_servers.empty() && desk.head < desk.queue.size()) {
    const Item it = desk.queue[desk.head++];
    Task& k = tasks_[it.slot];
    if (!k.active || k.gen != it.gen) continue;
    double hours = 0, coordination = 0;
    switch (it.purpose) {
      case Purpose::Work:
        hours = exponential(p_->official_hours) * day_->official_time_factor;
        if (k.plan->subtask_preds[it.sub] > 0 && k.plan->stage_size[k.plan->stage_of[it.sub]] == 1 &&
            uniform() < c_->rework_prob) {
          // The input was misunderstood: ask back (two messages) and do the work again.
          hours += exponential(p_->official_hours) * day_->official_time_factor;
          ++k.reworks;
          k.messages += 2;
          coordination += 2 * c_->message_hours;
        }
        hours += k.round_message_hours;  // reading the last round's exchange (charged at round end)
        hours += day_->record_hours;     // recording the item for review (formalism; 0 off the platform)
        tally_.sum[kRecordHours] += day_->record_hours;
        break;
      case Purpose::Triage: coordination = p_->triage_hours; break;
      case Purpose::Intake: coordination = c_->intake_hours; break;
      case Purpose::Combine:
        coordination = c_->combine_hours_per_input * k.plan->num_subtasks;
        if (trace_) trace(TraceRecord::What::CombineStart, it.slot, -1, t);
        break;
    }
    hours += coordination;
    k.coordination_hours += static_cast<float>(coordination);
    const uint32_t server = desk.free_servers.back();
    desk.free_servers.pop_back();
    busy_[server] += static_cast<float>(hours);
    tally_.sum[kBusyHours] += hours;
    push(work_finish(t, hours), EventType::DeskDone, it.slot, it.sub, static_cast<uint16_t>(d), it.purpose, server);
  }
  if (desk.head > 1024 && desk.head * 2 > desk.queue.size()) {  // reclaim the consumed front
    desk.queue.erase(desk.queue.begin(), desk.queue.begin() + static_cast<std::ptrdiff_t>(desk.head));
    desk.head = 0;
  }
}

void UnitSim::on_desk_done(const Event& e) {
  desks_[e.desk].free_servers.push_back(e.server);
  Task& k = tasks_[e.slot];
  if (k.active && k.gen == e.gen) {
    switch (e.purpose) {
      case Purpose::Work:
        ++tally_.count[kOfficialWork];
        subtask_done(e.slot, e.sub, e.time);
        break;
      case Purpose::Intake:
        ++tally_.count[kPublicContributions];
        subtask_done(e.slot, e.sub, e.time);
        break;
      case Purpose::Triage: {  // send it back and try again
        k.routing_steps += 1;
        k.messages += 1;
        const double latency = exponential(c_->handoff_hours);
        uint16_t to = k.desk[e.sub];
        Purpose purpose = Purpose::Work;
        if (uniform() < c_->misroute_prob) {
          ++tally_.count[kMisroutes];
          to = static_cast<uint16_t>(1 + below(static_cast<uint32_t>(desks_.size() - 2)));
          if (to >= k.desk[e.sub]) ++to;
          purpose = Purpose::Triage;
        }
        push(e.time + latency, EventType::AtDesk, e.slot, e.sub, to, purpose);
        break;
      }
      case Purpose::Combine: close(e.slot, e.time); break;
    }
  }
  try_start(e.desk, e.time);
}

void UnitSim::on_ask(const Event& e) {
  Task& k = tasks_[e.slot];
  ++tally_.count[kAsks];
  const uint32_t r = res_begin_ + below(res_end_ - res_begin_);
  if (res_.last_day[r] != tick_) {
    res_.last_day[r] = tick_;
    res_.today[r] = 0;
  }
  // The actor's threshold rule (participation.hpp): its channel is the platform if it is on it.
  const int kind = res_.kind ? res_.kind[r] : 0;
  const bool online = day_->live && (!res_.online_tick || res_.online_tick[r] <= tick_);
  const double reach_cost = online ? day_->platform_threshold : day_->offline_threshold;
  if (joins(res_.willingness[r], p_->participants.motive[kind], reach_cost) &&
      res_.today[r] < p_->participants.capacity[kind]) {
    ++tally_.count[kContributionsResident + kind];
    ++res_.today[r];
    ++res_.contributions[r];
    push(e.time + exponential(p_->public_hours), EventType::PublicDone, e.slot, e.sub);
    return;
  }
  ++tally_.count[kDeclines];
  if (++k.asks >= kMaxAsksPerTask) {
    drop(e.slot, false);
    return;
  }
  ++k.messages;
  push(e.time + exponential(c_->ask_hours), EventType::Ask, e.slot, e.sub);
}

void UnitSim::subtask_done(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  if (trace_) trace(TraceRecord::What::SubtaskDone, slot, sub, t);
  const int stage = k.plan->stage_of[sub];
  if (--k.members_left[stage] == 0) stage_done(slot, stage, t);
}

void UnitSim::stage_done(uint32_t slot, int stage, double t) {
  Task& k = tasks_[slot];
  const TaskPlan& plan = *k.plan;
  const int size = plan.stage_size[stage];
  if (size > 1) {
    // Mutual adjustment: members exchange results, then each finds a disagreement (information
    // asymmetry) with probability rework_prob; disagreeing members redo their part.
    ++k.round[stage];
    ++k.rounds;
    k.messages += static_cast<uint32_t>(c_->group_channel ? size : size * (size - 1));
    // Every official member reads and answers the exchange: its time is coordination, every round,
    // including the round in which the members agree.
    const double per_member = c_->message_hours * (c_->group_channel ? 1 : size - 1);
    int official_members = 0;
    for (int v = 0; v < plan.num_subtasks; ++v) official_members += plan.stage_of[v] == stage && !is_public(k, v);
    k.coordination_hours += static_cast<float>(per_member * official_members);
    uint32_t redo = 0;
    int count = 0;
    for (int v = 0; v < plan.num_subtasks; ++v)
      if (plan.stage_of[v] == stage && uniform() < c_->rework_prob) {
        redo |= 1u << v;
        ++count;
      }
    if (count > 0) {
      if (k.round[stage] >= p_->max_rounds) {
        drop(slot, true);
        return;
      }
      k.round_message_hours = static_cast<float>(per_member);
      k.reworks += static_cast<uint16_t>(count);
      k.members_left[stage] = static_cast<uint8_t>(count);
      for (int v = 0; v < plan.num_subtasks; ++v)
        if (redo >> v & 1u) dispatch(slot, v, t);
      return;
    }
    k.round_message_hours = 0;
  }
  --k.stages_left;
  for (int s = 0; s < plan.num_stages; ++s)
    if ((plan.stage_successors[stage] >> s & 1u) && --k.preds_left[s] == 0) start_stage(slot, s, t);
  if (k.stages_left > 0) return;
  if (plan.combine && plan.num_subtasks > 1) {
    k.messages += plan.num_subtasks;  // every result is submitted to the owner
    push(t + exponential(c_->handoff_hours), EventType::AtDesk, slot, 0, k.lead_desk, Purpose::Combine);
  } else {
    close(slot, t);
  }
}

void UnitSim::close(uint32_t slot, double t) {
  Task& k = tasks_[slot];
  const double hours = t - k.arrival;
  if (k.minor) {  // an induced minor matter: its own counters, not the regular tasks' measures
    ++tally_.count[kMinorClosed];
    tally_.sum[kMinorCloseHours] += hours;
    k.active = false;
    free_slots_.push_back(slot);
    return;
  }
  if (trace_) trace(TraceRecord::What::Close, slot, -1, t);
  ++tally_.count[kClosed];
  tally_.count[kClosedSameDay] += static_cast<int32_t>(std::floor(t / 24)) == k.arrival_tick;
  tally_.count[kSatisfied] += hours <= p_->satisfied_hours;
  const int kind = static_cast<int>(k.plan->kind);
  ++tally_.count[kClosedPooled + kind];
  tally_.sum[kCloseHours] += hours;
  tally_.sum[kCloseHoursPooled + kind] += hours;
  tally_.sum[kRoutingSteps] += k.routing_steps;
  tally_.sum[kMessages] += k.messages;
  tally_.sum[kCoordinationHours] += k.coordination_hours;
  tally_.sum[kReworks] += k.reworks;
  tally_.sum[kRounds] += k.rounds;
  k.active = false;
  free_slots_.push_back(slot);
  --open_;
}

void UnitSim::drop(uint32_t slot, bool non_converged) {
  Task& k = tasks_[slot];
  if (trace_) trace(TraceRecord::What::Drop, slot, -1, -1.0, non_converged);
  ++tally_.count[kDropped];
  tally_.count[kDroppedNonConverged] += non_converged;
  k.active = false;
  free_slots_.push_back(slot);
  --open_;
}

// --- checkpoints ---------------------------------------------------------------------------
namespace {
template <class T>
void append_raw(std::vector<uint8_t>& out, const std::vector<T>& v) {
  const auto* p = reinterpret_cast<const uint8_t*>(v.data());
  out.insert(out.end(), p, p + v.size() * sizeof(T));
}
template <class T>
void take_raw(const std::vector<uint8_t>& in, size_t& at, size_t n, std::vector<T>& out) {
  if ((in.size() - std::min(in.size(), at * sizeof(T))) / sizeof(T) < n) throw DataError("collab units: records missing");
  out.resize(n);
  if (n > 0)  // an empty vector's data() may be null, which memcpy must not get even for 0 bytes
    std::memcpy(out.data(), in.data() + at * sizeof(T), n * sizeof(T));
  at += n;
}
}  // namespace

void UnitSim::save(Snapshot& s) const {
  s.counts.insert(s.counts.end(), {uint32_t(desks_.size()), uint32_t(tasks_.size()), uint32_t(free_slots_.size()),
                                   uint32_t(heap_.size()), seq_, open_});
  s.tallies.push_back(tally_);
  for (const Desk& d : desks_) {
    s.desk_heads.push_back(d.head);
    s.desk_sizes.push_back(uint32_t(d.free_servers.size()));
    s.desk_sizes.push_back(uint32_t(d.queue.size()));
    s.free_servers.insert(s.free_servers.end(), d.free_servers.begin(), d.free_servers.end());
    append_raw(s.queue_items, d.queue);
  }
  append_raw(s.tasks, tasks_);
  for (const Task& k : tasks_) {
    s.task_plans.push_back(k.plan ? uint8_t(k.plan->kind) : 255);
    s.task_plans.push_back(k.plan ? k.plan->num_subtasks : 0);
  }
  s.free_slots.insert(s.free_slots.end(), free_slots_.begin(), free_slots_.end());
  append_raw(s.heap, heap_);
}

void UnitSim::load(const Snapshot& s, Cursor& at, const PlanLibrary& plans) {
  auto fail = [](const char* what) { throw DataError(std::string("collab units: ") + what); };
  if (s.counts.size() < (at.unit + 1) * 6 || s.tallies.size() <= at.unit) fail("fewer units than the scenario has");
  const uint32_t* c = s.counts.data() + at.unit * 6;
  if (c[0] != desks_.size()) fail("another number of desks");
  const uint32_t n_tasks = c[1], n_free = c[2], n_events = c[3];
  seq_ = c[4];
  open_ = c[5];
  tally_ = s.tallies[at.unit];
  for (Desk& d : desks_) {
    if (s.desk_heads.size() <= at.desk || s.desk_sizes.size() < 2 * (at.desk + 1)) fail("desks missing");
    d.head = s.desk_heads[at.desk];
    const uint32_t servers = s.desk_sizes[2 * at.desk], items = s.desk_sizes[2 * at.desk + 1];
    ++at.desk;
    if (s.free_servers.size() - std::min(s.free_servers.size(), at.server) < servers) fail("free servers missing");
    d.free_servers.assign(s.free_servers.begin() + long(at.server), s.free_servers.begin() + long(at.server + servers));
    at.server += servers;
    for (uint32_t id : d.free_servers)
      if (id < desks_.front().first_official || id >= desks_.front().first_official + num_officials_) fail("an official id out of range");
    take_raw(s.queue_items, at.queue, items, d.queue);
    if (d.head > d.queue.size()) fail("a queue head past its queue");
  }
  take_raw(s.tasks, at.task, n_tasks, tasks_);
  if (s.task_plans.size() < 2 * (at.task)) fail("task plans missing");
  for (uint32_t k = 0; k < n_tasks; ++k) {
    const size_t i = 2 * (at.task - n_tasks + k);
    const uint8_t kind = s.task_plans[i], n = s.task_plans[i + 1];
    if (kind == 255) tasks_[k].plan = nullptr;
    else if (kind < kNumKinds && n >= 1 && n <= kMaxSubtasks) tasks_[k].plan = &plans.get(Interdependence(kind), n);
    else fail("a task plan that does not exist");
    for (uint8_t d : tasks_[k].desk)
      if (d >= desks_.size()) fail("a task's desk out of range");
  }
  if (s.free_slots.size() - std::min(s.free_slots.size(), at.slot) < n_free) fail("free slots missing");
  free_slots_.assign(s.free_slots.begin() + long(at.slot), s.free_slots.begin() + long(at.slot + n_free));
  at.slot += n_free;
  take_raw(s.heap, at.event, n_events, heap_);
  for (uint32_t f : free_slots_)
    if (f >= tasks_.size()) fail("a free slot out of range");
  for (const Event& e : heap_)
    if ((!tasks_.empty() && e.slot >= tasks_.size()) || e.desk >= desks_.size()) fail("an event out of range");
  for (const Desk& d : desks_)
    for (const Item& it : d.queue)
      if (it.slot >= tasks_.size()) fail("a queued item out of range");
  ++at.unit;
}

}  // namespace govsim::collab
