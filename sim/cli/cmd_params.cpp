// `govsim params`: every parameter, from the one declaration table; filtered by model or word.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "sim/cli/commands.hpp"
#include "sim/model/model.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/param_docs.hpp"
#include "sim/scenario/scenario.hpp"

namespace govsim::cli {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

std::string section_of(const std::string& path) { return path.substr(0, path.find('.')); }

// The models `run.model` accepts; their parameters live under "<model>." and every other section
// (run, calendar, population, network, crisis, output) belongs to the engine.
std::vector<std::string> model_names(const ParamRegistry& reg) {
  const ParamSpec* m = reg.find("run.model");
  return m ? m->allowed : std::vector<std::string>{};
}

ParamRegistry filtered(const ParamRegistry& reg, const std::string& model, const std::string& word) {
  const auto models = model_names(reg);
  const std::string w = lower(word);
  auto keep = [&](const ParamSpec& s) {
    const std::string sec = section_of(s.path);
    const bool is_model_section = std::find(models.begin(), models.end(), sec) != models.end();
    if (!model.empty() && is_model_section && sec != model) return false;
    if (w.empty()) return true;
    return lower(s.path).find(w) != std::string::npos || lower(s.doc).find(w) != std::string::npos ||
           lower(s.unit).find(w) != std::string::npos || lower(s.source).find(w) != std::string::npos;
  };
  ParamRegistry out;
  std::vector<std::string> arrays_added;
  for (const ParamSpec& s : reg.all()) {
    if (!keep(s)) continue;
    // A field of a table array needs its array declared first.
    const auto br = s.path.find("[]");
    if (br != std::string::npos) {
      const std::string arr = s.path.substr(0, br);
      if (std::find(arrays_added.begin(), arrays_added.end(), arr) == arrays_added.end() && !out.find(arr)) {
        if (const ParamSpec* a = reg.find(arr)) out.add(*a);
        arrays_added.push_back(arr);
      }
    }
    if (!out.find(s.path)) out.add(s);
  }
  return out;
}

}  // namespace

void add_params_command(CLI::App& app) {
  struct Args {
    bool markdown = false;
    std::string model, grep;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "params", "List every parameter: name, type, default, range, unit, meaning. "
                "Filter with --model NAME (that model's parameters and the engine's) and --grep WORD.");
  cmd->add_flag("--markdown", a->markdown,
                "Write the Markdown reference page instead (docs/parameters.md is generated this way).");
  cmd->add_option("model_name", a->model, "Same as --model (e.g. `govsim params jiaxing`).")->type_name("MODEL");
  cmd->add_option("-m,--model", a->model,
                  "Only this model's parameters (plus run, calendar, population, network, crisis, output), "
                  "e.g. jiaxing, collab, reference.");
  cmd->add_option("-g,--grep", a->grep,
                  "Only parameters whose name, meaning, unit or source contains WORD (case-insensitive).")
      ->type_name("WORD");
  cmd->callback([a] {
    const ParamRegistry& reg = parameter_registry();
    if (!a->model.empty()) {
      const auto models = model_names(reg);
      if (std::find(models.begin(), models.end(), a->model) == models.end()) {
        std::string list;
        for (const auto& m : models) list += (list.empty() ? "" : ", ") + m;
        throw UsageError("params: unknown model '" + a->model + "' (models: " + list + ")");
      }
    }
    // A model's own registry: exactly the keys its scenarios may use (its world, its section and
    // those of the components it can be composed with).
    const ParamRegistry* base = &reg;
    for (const ModelInfo& m : model_catalog())
      if (m.name == a->model) base = &parameter_registry(m.name, m.world.components);
    const bool filter = !a->grep.empty();
    const ParamRegistry sub = filter ? filtered(*base, "", a->grep) : ParamRegistry{};
    const ParamRegistry& use = filter ? sub : *base;
    if (filter && use.all().empty()) {
      std::fprintf(stderr, "govsim: params: no parameter matches '%s'\n", a->grep.c_str());
      throw QuietFailure();
    }
    const std::string text = a->markdown ? parameters_markdown(use) : parameters_table_text(use);
    std::fwrite(text.data(), 1, text.size(), stdout);
  });
}

}  // namespace govsim::cli
