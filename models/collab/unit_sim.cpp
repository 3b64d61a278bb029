#include "models/collab/unit_sim.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "models/collab/participation.hpp"
#include "models/collab/reciprocal_exchange.hpp"
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
    desks_[d].staff = staff;
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

double UnitSim::normal(double sd) {
  if (sd <= 0) return 0.0;
  const double r = std::sqrt(-2.0 * std::log1p(-uniform()));
  return sd * r * std::cos(6.283185307179586 * uniform());
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
  const uint32_t gen = slot == kNoTask || tasks_.empty() ? 0 : tasks_[slot].gen;
  heap_.push_back({time, seq_++, slot, gen, server, desk, sub, type, purpose});
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
void UnitSim::step_day(int32_t tick, uint8_t arrival_phase, const DayConditions& day, double arrivals_mean, const CollabParams& p,
                       const PlanLibrary& plans, const CounterRng& rng, const ResidentColumns& residents,
                       float* official_busy_hours) {
  tick_ = tick;
  phase_ = arrival_phase;
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
  arrive_other_work(day0);

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
    if (e.type == EventType::OtherWork) {
      enqueue(kNoTask, 0, e.desk, Purpose::Other, e.time);
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

// The officials' other work: each desk receives items at the rate that fills the declared share of
// its officials' office hours, at uniform times within the office day; they queue with the tasks'.
void UnitSim::arrive_other_work(double day0) {
  if (p_->other_work_share <= 0) return;
  for (size_t d = 0; d < desks_.size(); ++d) {
    const double mean = p_->other_work_share * desks_[d].staff * p_->office_hours / p_->other_item_hours;
    const uint32_t n = poisson(mean);
    for (uint32_t i = 0; i < n; ++i)
      push(day0 + p_->office_start_hour + uniform() * std::min(p_->office_hours, 24.0 - p_->office_start_hour),
           EventType::OtherWork, kNoTask, 0, static_cast<uint16_t>(d), Purpose::Other);
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
  k.phase = phase_;
  k.resident.fill(kNoResident);
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
  if (k.plan->stage_size[stage] > 1 && k.round[stage] == 0)  // disagreement: where the members start
    for (int v = 0; v < k.plan->num_subtasks; ++v)
      if (k.plan->stage_of[v] == stage) k.position[v] = static_cast<float>(normal(p_->exchange.disagreement_sd));
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
  // With a dispatch table the live platform dispatches what its table lists (the table's coverage
  // then stands for the category definition), and only to a receiving official on the platform
  // (adoption.hpp; everyone without adoption, so no extra draw); otherwise a share of items.
  const bool table = p_->dispatch_table.enabled() && day_->live;
  const bool automatic = table ? p_->dispatch_table.listed(p_->dispatch_table.category(uniform())) &&
                                     (day_->officials_on >= 1.0 || uniform() < day_->officials_on)
                               : uniform() < c_->auto_dispatch;
  if (automatic) {
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
  desks_[desk].queue.push_back({slot, slot == kNoTask ? 0 : tasks_[slot].gen, static_cast<uint8_t>(sub), purpose});
  try_start(desk, t);
}

void UnitSim::try_start(int d, double t) {
  Desk& desk = desks_[d];
  while (!desk.free_servers.empty() && desk.head < desk.queue.size()) {
    const Item it = desk.queue[desk.head++];
    if (it.purpose == Purpose::Other) {  // other work: occupies an official, belongs to no task
      const double hours = exponential(p_->other_item_hours);
      const uint32_t server = desk.free_servers.back();
      desk.free_servers.pop_back();
      busy_[server] += static_cast<float>(hours);
      tally_.sum[kOtherWorkHours] += hours;
      push(work_finish(t, hours), EventType::DeskDone, kNoTask, 0, static_cast<uint16_t>(d), it.purpose, server);
      continue;
    }
    Task& k = tasks_[it.slot];
    if (!k.active || k.gen != it.gen) continue;
    double hours = 0, coordination = 0;
    switch (it.purpose) {
      case Purpose::Work:
        hours = exponential(p_->official_hours) * day_->official_time_factor;
        hours += k.round_message_hours;  // reading the last round's exchange (charged at round end)
        hours += day_->record_hours;     // recording the item for review (formalism; 0 off the platform)
        tally_.sum[kRecordHours] += day_->record_hours;
        break;
      case Purpose::Other: break;
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
  if (e.slot == kNoTask) {  // an item of other work is done
    try_start(e.desk, e.time);
    return;
  }
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
      case Purpose::Other: break;
    }
  }
  try_start(e.desk, e.time);
}

void UnitSim::on_ask(const Event& e) {
  Task& k = tasks_[e.slot];
  ++tally_.count[kAsks];
  if (k.resident[e.sub] != kNoResident) {
    // A later round or a redo: the same resident, already engaged in the task, answers again.
    ++res_.contributions[k.resident[e.sub]];
    push(e.time + exponential(p_->public_hours), EventType::PublicDone, e.slot, e.sub);
    return;
  }
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
    k.resident[e.sub] = r;
    push(e.time + exponential(p_->public_hours), EventType::PublicDone, e.slot, e.sub);
    return;
  }
  ++tally_.count[kDeclines];
  if (++k.asks >= kMaxAsksPerTask) {
    drop(e.slot, e.time, false);
    return;
  }
  ++k.messages;
  push(e.time + exponential(c_->ask_hours), EventType::Ask, e.slot, e.sub);
}

void UnitSim::subtask_done(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  if (trace_) trace(TraceRecord::What::SubtaskDone, slot, sub, t);
  if (k.plan->kind == Interdependence::Pooled && !check_pooled_input(slot, sub, t)) return;
  if (k.plan->kind == Interdependence::Sequential && !check_chain_input(slot, sub, t)) return;
  const int stage = k.plan->stage_of[sub];
  if (--k.members_left[stage] == 0) stage_done(slot, stage, t);
}

void UnitSim::stage_done(uint32_t slot, int stage, double t) {
  Task& k = tasks_[slot];
  const TaskPlan& plan = *k.plan;
  const int size = plan.stage_size[stage];
  if (size > 1 && !adjust_round(slot, stage, t)) return;
  --k.stages_left;
  for (int s = 0; s < plan.num_stages; ++s)
    if ((plan.stage_successors[stage] >> s & 1u) && --k.preds_left[s] == 0) start_stage(slot, s, t);
  if (k.stages_left > 0) return;
  if (plan.kind == Interdependence::Sequential && k.error_origin >= 0) {
    // An error nobody noticed on the way is found when the result is checked at the end.
    ask_back(k);
    restart_chain(slot, t, plan.num_stages - 1);
    return;
  }
  if (plan.combine && plan.num_subtasks > 1) {
    k.messages += plan.num_subtasks;  // every result is submitted to the owner
    push(t + exponential(c_->handoff_hours), EventType::AtDesk, slot, 0, k.lead_desk, Purpose::Combine);
  } else {
    close(slot, t);
  }
}

// Pooled work: each contribution is checked against the standard when it comes in; one that
// misread the standard is returned (two messages) and redone. An error stays with its contributor.
bool UnitSim::check_pooled_input(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  if (!(uniform() < c_->misunderstand_prob)) return true;
  ask_back(k);
  ++k.reworks;
  dispatch(slot, sub, t);
  return false;
}

// Sequential work: sub-task `sub` has worked on the previous one's output. If that output carries
// an error, the desk notices it with probability error_detection, asks back and the chain is redone
// from the sub-task that erred; unnoticed, the error passes on. If the input was right, the desk may
// misread it (misunderstand_prob), and its own output then carries the error.
bool UnitSim::check_chain_input(uint32_t slot, int sub, double t) {
  Task& k = tasks_[slot];
  if (k.plan->subtask_preds[sub] == 0) return true;  // the chain's first part reads no one's output
  if (k.error_origin >= 0) {
    if (uniform() < p_->exchange.error_detection) {
      ask_back(k);
      restart_chain(slot, t, k.plan->stage_of[sub]);
      return false;
    }
    return true;
  }
  if (uniform() < c_->misunderstand_prob) k.error_origin = static_cast<int8_t>(sub);
  return true;
}

void UnitSim::ask_back(Task& k) {
  k.messages += 2;
  k.adjust_messages += 2;
  k.coordination_hours += static_cast<float>(2 * c_->message_hours);
}

// Redo the chain from the sub-task whose output carried the error: it and every later one again
// (`found_at`: the stage whose work found the error; the work of origin..found_at is redone).
void UnitSim::restart_chain(uint32_t slot, double t, int found_at) {
  Task& k = tasks_[slot];
  const TaskPlan& plan = *k.plan;
  const int origin = plan.stage_of[k.error_origin];
  k.error_origin = -1;
  if (++k.restarts >= p_->max_rounds) {
    drop(slot, t, true);
    return;
  }
  k.reworks += static_cast<uint16_t>(found_at - origin + 1);
  for (int s = origin + 1; s < plan.num_stages; ++s) k.preds_left[s] = 1;
  k.stages_left = static_cast<uint8_t>(plan.num_stages - origin);
  start_stage(slot, origin, t);
}

// Reciprocal work: one round of mutual adjustment among the stage's members
// (models/collab/reciprocal_exchange.hpp). Returns true when they agree; otherwise the members who
// still disagree redo their part for the next round, or the task is dropped after max_rounds.
bool UnitSim::adjust_round(uint32_t slot, int stage, double t) {
  Task& k = tasks_[slot];
  const TaskPlan& plan = *k.plan;
  const int size = plan.stage_size[stage];
  ++k.round[stage];
  ++k.rounds;
  const uint32_t exchanged = static_cast<uint32_t>(c_->group_channel ? size : size * (size - 1));
  k.messages += exchanged;
  k.adjust_messages += exchanged;
  // Every official member reads and answers the exchange: its time is coordination, every round,
  // including the round in which the members agree.
  const double per_member = c_->message_hours * (c_->group_channel ? 1 : size - 1);
  uint32_t members = 0;
  int official_members = 0;
  std::array<float, kMaxSubtasks> misread{};
  for (int v = 0; v < plan.num_subtasks; ++v) {
    if (plan.stage_of[v] != stage) continue;
    members |= 1u << v;
    official_members += !is_public(k, v);
    if (uniform() < c_->misunderstand_prob) misread[v] = static_cast<float>(normal(p_->exchange.disagreement_sd));
  }
  k.coordination_hours += static_cast<float>(per_member * official_members);
  const AdjustmentRound r =
      adjust_positions(k.position.data(), members, p_->exchange.adjustment_rate, p_->exchange.tolerance, misread.data());
  if (r.converged) {
    k.round_message_hours = 0;
    return true;
  }
  if (k.round[stage] >= p_->max_rounds) {
    drop(slot, t, true);
    return false;
  }
  const int count = std::popcount(r.redo);
  k.round_message_hours = static_cast<float>(per_member);
  k.reworks += static_cast<uint16_t>(count);
  k.members_left[stage] = static_cast<uint8_t>(count);
  for (int v = 0; v < plan.num_subtasks; ++v)
    if (r.redo >> v & 1u) dispatch(slot, v, t);
  return false;
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
  tally_.sum[kAdjustMessages] += k.adjust_messages;
  tally_.sum[kRestarts] += k.restarts;
  tally_.count[kInfoProcessed] += k.n_public;
  close_times_[k.phase].add_event(hours);
  k.active = false;
  free_slots_.push_back(slot);
  --open_;
}

void UnitSim::drop(uint32_t slot, double t, bool non_converged) {
  Task& k = tasks_[slot];
  close_times_[k.phase].add_censored(t - k.arrival);
  if (trace_) trace(TraceRecord::What::Drop, slot, -1, t, non_converged);
  ++tally_.count[kDropped];
  tally_.count[kDroppedNonConverged] += non_converged;
  k.active = false;
  free_slots_.push_back(slot);
  --open_;
}

void UnitSim::add_open_censored(double now, std::array<CloseTimeHistogram, kArrivalPhases>& out) const {
  for (const Task& k : tasks_)
    if (k.active) out[k.phase].add_censored(now - k.arrival);
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
  s.close_times.insert(s.close_times.end(), close_times_.begin(), close_times_.end());
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
    if ((!tasks_.empty() && e.slot != kNoTask && e.slot >= tasks_.size()) || e.desk >= desks_.size())
      fail("an event out of range");
  for (const Desk& d : desks_)
    for (const Item& it : d.queue)
      if (it.slot != kNoTask && it.slot >= tasks_.size()) fail("a queued item out of range");
  for (const Task& k : tasks_) {
    if (k.phase >= kArrivalPhases) fail("a task's arrival phase out of range");
    for (uint32_t r : k.resident)
      if (r != kNoResident && (r < res_begin_ || r >= res_end_)) fail("a task's resident out of range");
  }
  if (s.close_times.size() < (at.unit + 1) * kArrivalPhases) fail("close-time histograms missing");
  std::copy_n(s.close_times.begin() + long(at.unit * kArrivalPhases), kArrivalPhases, close_times_.begin());
  ++at.unit;
}

}  // namespace govsim::collab
