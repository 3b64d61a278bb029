#include "sim/batch/runner.hpp"

#include <tbb/task_arena.h>

#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/engine/simulation.hpp"

namespace govsim::batch {

bool run_runs(const ScenarioOf& scenario_of, const PartStore& store, const std::function<bool(uint64_t&)>& next,
              const RunnerOptions& o) {
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
        const RunOptions ro{o.command_line, o.threads_per_run, o.cancel};
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
