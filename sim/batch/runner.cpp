#include "sim/batch/runner.hpp"

#include <tbb/task_arena.h>

#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/batch/rows.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/more_runs.hpp"

namespace govsim::batch {
namespace {

// The checkpoint all runs continue is one HDF5 file read by several workers at once while others
// write their parts: HDF5 is not thread-safe, so every read takes the library's one lock.
class SerialReader final : public StateReader {
 public:
  explicit SerialReader(const StateReader& in) : in_(in) {}
  size_t count(const std::string& name, ElemType type) const override {
    std::lock_guard lock(hdf5_mutex());
    return in_.count(name, type);
  }
  void read(const std::string& name, ElemType type, void* data, size_t n) const override {
    std::lock_guard lock(hdf5_mutex());
    in_.read(name, type, data, n);
  }
  std::vector<std::string> read_strings(const std::string& name) const override {
    std::lock_guard lock(hdf5_mutex());
    return in_.read_strings(name);
  }

 private:
  const StateReader& in_;
};

}  // namespace

bool run_runs(const ScenarioOf& scenario_of, const PartStore& store, const std::function<bool(uint64_t&)>& next,
              const RunnerOptions& o) {
  const MoreRunsFollow batch;  // models may keep set-up for the next run (sim/model/more_runs.hpp)
  std::atomic<bool> stop{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto cancelled = [&] { return stop.load() || (o.cancel && o.cancel->load()); };

  auto worker = [&] {
    tbb::task_arena arena(int(o.threads_per_run));
    try {
      uint64_t index = 0;
      while (!cancelled() && next(index)) {
        const Scenario sc = scenario_of(index);
        std::optional<RunResult> result;
        RunOptions ro{o.command_line, o.threads_per_run, o.cancel};
        std::optional<SerialReader> saved;
        if (o.restore) {
          saved.emplace(*o.restore);
          ro.restore = &*saved;
          ro.branch_checkpoint = o.branch_checkpoint;
          ro.branch_date = o.branch_date;
        }
        arena.execute([&] { result.emplace(simulate_scenario(sc, ro)); });
        store.write(index, *result);
        if (o.on_done) o.on_done(index);
      }
    } catch (const Interrupted&) {
      // cancelled mid-run: nothing of that run was written
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      stop = true;
    }
  };

  std::vector<std::thread> threads;
  for (uint32_t w = 1; w < o.workers; ++w) threads.emplace_back(worker);
  worker();  // the calling thread works too
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
  return !(o.cancel && o.cancel->load());
}

}  // namespace govsim::batch
