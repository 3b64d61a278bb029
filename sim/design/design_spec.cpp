#include "sim/design/design_spec.hpp"

namespace govsim::design {

const char* to_string(DesignKind k) {
  switch (k) {
    case DesignKind::Grid: return "grid";
    case DesignKind::Lhs: return "lhs";
    case DesignKind::Saltelli: return "saltelli";
    case DesignKind::Morris: return "morris";
    case DesignKind::List: return "list";
  }
  return "?";
}

}  // namespace govsim::design
