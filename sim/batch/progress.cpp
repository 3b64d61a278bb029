#include "sim/batch/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace govsim::batch {

std::string format_duration(double s) {
  char buf[32];
  const long t = long(s + 0.5);
  if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
  else if (t >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else std::snprintf(buf, sizeof buf, "%lds", t);
  return buf;
}

Progress::Progress(uint64_t total, uint64_t already, bool quiet)
    : total_(total), already_(already), done_(already), quiet_(quiet), tty_(::isatty(2) == 1),
      start_(std::chrono::steady_clock::now()), last_(start_) {
  if (!quiet_ && already_) std::fprintf(stderr, "govsim: sweep: %llu of %llu runs already finished (resumed)\n",
                                        (unsigned long long)already_, (unsigned long long)total_);
}

void Progress::run_done() {
  std::lock_guard lock(mutex_);
  ++done_;
  if (done_ < total_) draw(false);  // the last one is drawn by finish()
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  draw(true);
}

void Progress::draw(bool final) {
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (!final && since_last < (tty_ ? 0.2 : 10.0)) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const uint64_t fresh = done_ - already_;
  const double rate = elapsed > 0 ? fresh / elapsed : 0;
  const std::string eta = rate > 0 ? format_duration((total_ - done_) / rate) : "?";
  const double frac = total_ ? double(done_) / total_ : 1;
  if (tty_) {
    constexpr int kWidth = 30;
    std::string bar(kWidth, ' ');
    for (int i = 0; i < int(frac * kWidth); ++i) bar[i] = '#';
    std::fprintf(stderr, "\r[%s] %llu/%llu runs  %.2f runs/s  ETA %s   %s", bar.c_str(), (unsigned long long)done_,
                 (unsigned long long)total_, rate, final ? format_duration(0).c_str() : eta.c_str(), final ? "\n" : "");
  } else {
    std::fprintf(stderr, "govsim: sweep: %llu/%llu runs (%.0f%%), %.2f runs/s, ETA %s\n", (unsigned long long)done_,
                 (unsigned long long)total_, 100 * frac, rate, final ? "0s" : eta.c_str());
  }
  std::fflush(stderr);
}

}  // namespace govsim::batch
