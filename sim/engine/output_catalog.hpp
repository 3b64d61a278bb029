#pragma once
// Every series a run can write, read from the models' own declarations: each model (and each
// component it can be composed with) is built at a tiny size and its metric registry listed.
// `govsim outputs` prints it; docs/outputs.md is generated from it (a test keeps them in step).
#include <string>
#include <vector>

#include "sim/metrics/metric_registry.hpp"

namespace govsim {

struct OutputSection {
  std::string title;  // "model reference", "component epidemic (with model reference)"
  std::string doc;    // the model's or component's one-line description
  std::vector<SeriesSpec> daily;    // recorded every day (and aggregated by month)
  std::vector<SeriesSpec> monthly;  // computed once per month only
};

// One section per model, then one per component (only the series the component adds).
std::vector<OutputSection> output_catalog();

// Plain-text table (`govsim outputs`) and the Markdown page (`govsim outputs --markdown`).
std::string outputs_text(const std::vector<OutputSection>& sections);
std::string outputs_markdown(const std::vector<OutputSection>& sections);

}  // namespace govsim
