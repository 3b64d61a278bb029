#pragma once
// The default result-file name of `govsim run` when -o is not given: the scenario's name, then
// each --set override and --seed, so that ablation runs do not overwrite each other:
//   jiaxing_weijiayuan_tenth.toml --set jiaxing.conditions.accountability=0 --seed 7
//   -> jiaxing_weijiayuan_tenth__jiaxing.conditions.accountability=0__seed=7.h5
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace govsim::cli {

std::string default_output_name(const std::string& scenario_path, const std::vector<std::string>& sets,
                                 std::optional<uint64_t> seed);

}  // namespace govsim::cli
