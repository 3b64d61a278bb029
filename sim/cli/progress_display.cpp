#include "sim/cli/progress_display.hpp"

#include <cmath>

namespace govsim::cli {

ProgressDisplay::ProgressDisplay(std::FILE* out, double residents, bool terminal, double delay_s,
                                 double plain_interval_s)
    : out_(out), residents_(residents), terminal_(terminal), delay_s_(delay_s),
      plain_interval_s_(plain_interval_s), start_(std::chrono::steady_clock::now()) {}

std::string ProgressDisplay::line(int32_t done, int32_t total, double residents, double elapsed_s,
                                  int32_t days_at_start) {
  char b[160];
  const int32_t counted = done - days_at_start;
  const double rate = elapsed_s > 0 ? residents * counted / elapsed_s : 0;
  const double eta = counted > 0 ? elapsed_s * (total - done) / counted : NAN;
  char eta_text[32];
  if (std::isnan(eta)) std::snprintf(eta_text, sizeof eta_text, "?");
  else if (eta < 90) std::snprintf(eta_text, sizeof eta_text, "%.0f s", eta);
  else std::snprintf(eta_text, sizeof eta_text, "%.0f min %02.0f s", std::floor(eta / 60), std::fmod(eta, 60));
  std::snprintf(b, sizeof b, "day %d/%d (%.0f %%), %.3g agent-days/s, ETA %s", done, total,
                total > 0 ? 100.0 * done / total : 0.0, rate, eta_text);
  return b;
}

void ProgressDisplay::update(int32_t done, int32_t total) {
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  update_at(done, total, t);
}

void ProgressDisplay::update_at(int32_t done, int32_t total, double t) {
  if (first_s_ < 0) first_s_ = t, first_days_ = done;
  if (t < delay_s_ || !out_) return;
  const bool last = done >= total;
  if (!last && t - last_print_s_ < (terminal_ ? 0.2 : plain_interval_s_)) return;  // terminal: 5 redraws/s at most
  const std::string text = line(done, total, residents_, t - first_s_, first_days_);
  if (terminal_) std::fprintf(out_, "\rgovsim: %s\033[K", text.c_str());
  else std::fprintf(out_, "govsim: %s\n", text.c_str());
  std::fflush(out_);
  last_print_s_ = t;
  shown_ = true;
}

void ProgressDisplay::finish() {
  if (shown_ && terminal_ && out_) {
    std::fputc('\n', out_);
    std::fflush(out_);
  }
}

}  // namespace govsim::cli
