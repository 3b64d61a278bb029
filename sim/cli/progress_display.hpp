#pragma once
// Progress of one long run: days done, agent-days per second, ETA. On a terminal one line
// rewritten in place (\r); otherwise plain lines, at most one per `plain_interval_s` seconds (as
// `govsim sweep` does). Nothing is shown before `delay_s` seconds have passed, so short runs stay
// silent. Ready to be wired to the engine's per-day hook (RunOptions::on_day, see the ux report):
//
//   ProgressDisplay progress(stderr, residents, isatty(fileno(stderr)));
//   opt.on_day = [&](int32_t done, int32_t total) { progress.update(done, total); };
//   ... run ...
//   progress.finish();
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace govsim::cli {

class ProgressDisplay {
 public:
  ProgressDisplay(std::FILE* out, double residents, bool terminal, double delay_s = 3.0,
                  double plain_interval_s = 10.0);
  // Called after each simulated day (from one thread). Cheap when nothing is printed.
  void update(int32_t days_done, int32_t days_total);
  // The same with an explicit clock (seconds since start), for tests.
  void update_at(int32_t days_done, int32_t days_total, double elapsed_s);
  // Ends the in-place line on a terminal (if anything was shown).
  void finish();
  // The text of one progress line, e.g. "day 120/488 (25 %), 2.1e+07 agent-days/s, ETA 18 s", where
  // the speed and ETA come from the days after `days_at_start` (the first update: set-up time,
  // such as building the network, does not count as simulation speed).
  static std::string line(int32_t days_done, int32_t days_total, double residents, double elapsed_s,
                          int32_t days_at_start = 0);
  bool shown() const { return shown_; }

 private:
  std::FILE* out_;
  double residents_;
  bool terminal_;
  double delay_s_, plain_interval_s_;
  double last_print_s_ = -1e300;
  double first_s_ = -1;      // time of the first update
  int32_t first_days_ = 0;   // days done at the first update
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace govsim::cli
