// Every domain model compiled into govsim. Adding a model = adding one line here.
#include "models/collab/collab_model.hpp"
#include "models/jiaxing/jiaxing_model.hpp"
#include "models/reference/reference_model.hpp"
#include "sim/engine/model.hpp"

namespace govsim {

const std::vector<ModelInfo>& model_catalog() {
  static const std::vector<ModelInfo> catalog = {
      models::reference_model_info(),
      models::jiaxing_model_info(),
      models::collab_model_info(),
  };
  return catalog;
}

}  // namespace govsim
