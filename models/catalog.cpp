// Every domain model and component compiled into govsim. Adding one = adding one line here.
#include "models/collab/collab_model.hpp"
#include "models/epidemic/epidemic.hpp"
#include "models/health_code/health_code_model.hpp"
#include "models/jiaxing/jiaxing_model.hpp"
#include "models/reference/reference_model.hpp"
#include "models/zhejiang/zhejiang_model.hpp"
#include "sim/model/component.hpp"
#include "sim/model/model.hpp"

namespace govsim {

const std::vector<ModelInfo>& model_catalog() {
  static const std::vector<ModelInfo> catalog = {
      models::reference_model_info(),
      models::jiaxing_model_info(),
      models::collab_model_info(),
      models::health_code_model_info(),
      models::zhejiang_model_info(),
  };
  return catalog;
}

const std::vector<ComponentInfo>& component_catalog() {
  static const std::vector<ComponentInfo> catalog = {
      models::epidemic_component_info(),
  };
  return catalog;
}

const ComponentInfo* find_component(const std::string& name) {
  for (const ComponentInfo& c : component_catalog())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace govsim
