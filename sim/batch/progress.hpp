#pragma once
// Sweep progress on stderr: on a terminal a one-line bar redrawn in place (runs done/total,
// runs/s, ETA); otherwise (a log file, a batch job) a plain line at most every 10 s.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace govsim::batch {

class Progress {
 public:
  // `already` runs were finished before this execution (resume); they are not timed.
  Progress(uint64_t total, uint64_t already, bool quiet);
  void run_done();  // thread-safe
  void finish();    // final line
  uint64_t done() const { return done_; }

 private:
  void draw(bool final);
  std::mutex mutex_;
  uint64_t total_, already_, done_;
  bool quiet_, tty_;
  std::chrono::steady_clock::time_point start_, last_;
};

// "1h02m", "3m05s", "12s".
std::string format_duration(double seconds);

}  // namespace govsim::batch
