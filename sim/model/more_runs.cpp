#include "sim/model/more_runs.hpp"

#include <atomic>

namespace govsim {
namespace {
std::atomic<int> open_scopes{0};
}  // namespace

bool more_runs_follow() { return open_scopes.load() > 0; }

MoreRunsFollow::MoreRunsFollow() { ++open_scopes; }
MoreRunsFollow::~MoreRunsFollow() { --open_scopes; }

}  // namespace govsim
