#pragma once
// One service area (a street) simulated event by event in continuous time (hours since the
// calendar start). The engine steps it one day at a time; units share nothing, so they run in
// parallel and every unit draws its random numbers from its own counter-based stream in the order
// its events occur, which makes the run independent of the thread count.
//
// Actors: desk 0 holds the unit's grid workers (intake of public contributions, triage), desks
// 1..D one per department, each with a few officials who serve a FIFO queue during office hours.
// Residents of the unit contribute when asked, if their willingness exceeds the participation
// threshold in force. Coordination costs (hand-over latency, routing, messages, rework, intake,
// combining) are those of the platform if it is live that day, else those without a platform.
#include <cstdint>
#include <vector>

#include "models/collab/adoption.hpp"
#include "models/collab/params.hpp"
#include "models/collab/survival.hpp"
#include "models/collab/tally.hpp"
#include "models/collab/task_plan.hpp"
#include "sim/rng/counter_rng.hpp"

namespace govsim::collab {

// The unit's residents, as spans into the resident store (the unit owns [begin, end)).
inline constexpr int kMaxPublicSubtasks = 12;  // the declared maximum of collab.tasks.max_public_subtasks
inline constexpr int kArrivalPhases = 3;        // a task arrived in the warm-up, before or after the launch

struct ResidentColumns {
  const float* willingness = nullptr;
  uint32_t* contributions = nullptr;  // lifetime contributions
  int32_t* last_day = nullptr;        // tick of the last contribution
  uint8_t* today = nullptr;           // contributions on last_day
  const uint8_t* kind = nullptr;       // ActorKind (participation.hpp); null: all plain residents
  const int32_t* online_tick = nullptr;  // first tick on the platform (adoption.hpp); null: all, while live
};

class UnitSim {
 public:
  // first_official: id of the unit's first official; officials are numbered desk by desk.
  UnitSim(uint32_t unit, uint32_t resident_begin, uint32_t resident_end, uint32_t first_official,
          uint32_t grid_workers, const std::vector<uint32_t>& desk_staff);

  // Simulates day `tick`: today's arrivals, then every event before the day ends, under the day's
  // conditions (the coordination costs of its actors' platform use: adoption.hpp). Tasks arriving
  // today are filed under `arrival_phase` (0 warm-up, 1 before the platform, 2 after) for the
  // close-time histograms.
  void step_day(int32_t tick, uint8_t arrival_phase, const DayConditions& day, double arrivals_mean, const CollabParams& p,
                const PlanLibrary& plans, const CounterRng& rng, const ResidentColumns& residents,
                float* official_busy_hours);

  // Checkpoints: the state of many units, flattened into a few arrays (units in order), so that
  // a checkpoint holds a handful of datasets however many units there are. The event heap, desk
  // queues and tasks are saved as they are; a task's plan is saved as (kind, size) and looked up
  // again in the PlanLibrary when restored.
  struct Snapshot {
    std::vector<uint32_t> counts;        // per unit: desks, tasks, free slots, heap events, seq, open
    std::vector<UnitTally> tallies;      // per unit
    std::vector<uint64_t> desk_heads;    // per desk
    std::vector<uint32_t> desk_sizes;    // per desk: free servers, queue items
    std::vector<uint32_t> free_servers;  // all desks, in order
    std::vector<uint8_t> queue_items;    // Item records, raw
    std::vector<uint8_t> tasks;          // Task records, raw (plan pointers meaningless)
    std::vector<uint8_t> task_plans;     // per task: kind, size (255, 0 without a plan)
    std::vector<uint32_t> free_slots;
    std::vector<uint8_t> heap;           // Event records, raw
    std::vector<CloseTimeHistogram> close_times;  // per unit: kArrivalPhases histograms
  };
  void save(Snapshot& s) const;
  // Restores this unit from `s` at the cursors (advanced past it). Throws DataError if the
  // snapshot does not fit (ids out of range), so a damaged checkpoint cannot index past an array.
  struct Cursor {
    size_t unit = 0, desk = 0, server = 0, queue = 0, task = 0, slot = 0, event = 0;
  };
  void load(const Snapshot& s, Cursor& at, const PlanLibrary& plans);

  const UnitTally& tally() const { return tally_; }
  // Close times of the tasks that arrived in each phase: closed ones as events, dropped ones censored
  // at their drop time. add_open_censored adds the tasks still open at hour `now`, censored there.
  const std::array<CloseTimeHistogram, kArrivalPhases>& close_times() const { return close_times_; }
  void add_open_censored(double now, std::array<CloseTimeHistogram, kArrivalPhases>& out) const;
  uint32_t open_tasks() const { return open_; }
  uint32_t num_officials() const { return num_officials_; }

  // Test hook (tests/models/collab): when set, `fn(context, record)` is called at each step of a
  // task's life. Model runs never set it; it draws no random numbers and changes no state, so the
  // output is the same with or without it.
  struct TraceRecord {
    enum class What : uint8_t { Arrive, Dispatch, SubtaskDone, CombineStart, Close, Drop };
    What what;
    double time;
    uint32_t slot, gen;        // the task (slot, generation) is unique over the unit's run
    int sub;                   // the sub-task (Dispatch, SubtaskDone), else -1
    Interdependence kind;
    uint8_t num_subtasks, n_public;
    uint16_t rounds;           // mutual-adjustment rounds so far
    bool non_converged;        // Drop: dropped after collab.coordination.max_rounds rounds
  };
  using TraceFn = void (*)(void* context, const TraceRecord& record);
  void set_trace(TraceFn fn, void* context) {
    trace_ = fn;
    trace_context_ = context;
  }

 private:
  // Other: an item of the officials' other work (no task; slot kNoTask).
  enum class Purpose : uint8_t { Work, Triage, Intake, Combine, Other };
  enum class EventType : uint8_t { Arrive, AtDesk, DeskDone, Ask, PublicDone, OtherWork };
  static constexpr uint32_t kNoTask = 0xFFFFFFFFu;
  static constexpr uint32_t kNoResident = 0xFFFFFFFFu;

  struct Event {
    double time;
    // Ties in time are broken by creation order. 32 bits keep the event at 32 bytes (the heap
    // moves events around); after 2^32 events a unit's counter wraps, which changes only the
    // order of events at exactly equal times, identically for any thread count.
    uint32_t seq;
    uint32_t slot, gen;
    uint32_t server;
    uint16_t desk;
    uint8_t sub;
    EventType type;
    Purpose purpose;
  };
  static_assert(sizeof(Event) == 32, "keep events small: the heap moves them");
  struct Item {  // a work item waiting at a desk
    uint32_t slot, gen;
    uint8_t sub;
    Purpose purpose;
  };
  struct Desk {
    uint32_t first_official = 0;
    std::vector<uint32_t> free_servers;  // official ids, used as a stack
    std::vector<Item> queue;             // FIFO from `head`
    size_t head = 0;
    uint32_t staff = 0;                  // officials at the desk (fixed at construction)
  };
  struct Task {
    uint32_t gen = 0;
    bool active = false;
    bool minor = false;  // an induced minor matter (adoption.hpp): tallied apart from regular tasks
    const TaskPlan* plan = nullptr;
    double arrival = 0;
    int32_t arrival_tick = 0;
    uint8_t n_public = 0;
    uint8_t lead_desk = 0;
    uint8_t stages_left = 0;
    uint16_t asks = 0;
    uint16_t routing_steps = 0;
    uint32_t messages = 0;
    uint16_t reworks = 0;
    uint16_t rounds = 0;
    float coordination_hours = 0;
    float round_message_hours = 0;  // message time each official member adds to its next round
    uint32_t routed = 0;            // official sub-tasks already routed once (bit mask)
    uint32_t adjust_messages = 0;   // messages that reconcile work: ask-backs, returns, round exchanges
    uint16_t restarts = 0;          // sequential: times the chain was redone from an erring sub-task
    int8_t error_origin = -1;       // sequential: first sub-task whose output carries a misreading
    uint8_t phase = 0;              // arrival phase (close-time histograms)
    std::array<uint32_t, kMaxPublicSubtasks> resident{};  // who took each public part (re-asked each round)
    std::array<float, kMaxSubtasks> position{};           // reciprocal: each member's position
    std::array<uint8_t, kMaxSubtasks> desk{};
    std::array<uint8_t, kMaxStages> preds_left{};
    std::array<uint8_t, kMaxStages> members_left{};
    std::array<uint16_t, kMaxStages> round{};  // rounds per stage (max_rounds goes to 1000)
  };

  // Random numbers: the unit's own stream, drawn in event order.
  double uniform();
  double normal(double sd);
  double exponential(double mean);
  uint32_t below(uint32_t n);
  uint32_t poisson(double mean);

  void push(double time, EventType type, uint32_t slot, uint8_t sub, uint16_t desk = 0,
            Purpose purpose = Purpose::Work, uint32_t server = 0);
  void create_task(double time, int32_t tick, bool minor);
  void start_stage(uint32_t slot, int stage, double t);
  void dispatch(uint32_t slot, int sub, double t);
  void route(uint32_t slot, int sub, double t);
  void enqueue(uint32_t slot, int sub, int desk, Purpose purpose, double t);
  void try_start(int desk, double t);
  void on_desk_done(const Event& e);
  void on_ask(const Event& e);
  void subtask_done(uint32_t slot, int sub, double t);
  void stage_done(uint32_t slot, int stage, double t);
  void close(uint32_t slot, double t);
  void drop(uint32_t slot, double t, bool non_converged);
  void arrive_other_work(double day0);
  bool check_pooled_input(uint32_t slot, int sub, double t);
  bool check_chain_input(uint32_t slot, int sub, double t);
  void restart_chain(uint32_t slot, double t, int found_at);
  void ask_back(Task& k);
  bool adjust_round(uint32_t slot, int stage, double t);
  double work_finish(double t, double hours) const;
  bool is_public(const Task& k, int sub) const { return sub < k.n_public; }

  uint32_t unit_;
  uint32_t res_begin_, res_end_;
  uint32_t num_officials_ = 0;
  std::vector<Desk> desks_;
  std::vector<Task> tasks_;
  std::vector<uint32_t> free_slots_;
  std::vector<Event> heap_;
  uint32_t seq_ = 0;
  uint32_t open_ = 0;
  UnitTally tally_;
  std::array<CloseTimeHistogram, kArrivalPhases> close_times_{};

  // Valid during step_day only.
  int32_t tick_ = 0;
  uint8_t phase_ = 0;
  uint32_t draw_ = 0;
  std::array<uint32_t, 4> words_{};
  int word_ = 4;
  const CollabParams* p_ = nullptr;
  const CoordinationCosts* c_ = nullptr;
  const DayConditions* day_ = nullptr;
  const PlanLibrary* plans_ = nullptr;
  const CounterRng* rng_ = nullptr;
  ResidentColumns res_;
  float* busy_ = nullptr;

  TraceFn trace_ = nullptr;
  void* trace_context_ = nullptr;
  void trace(TraceRecord::What what, uint32_t slot, int sub, double t, bool non_converged = false) const;
};

}  // namespace govsim::collab
