#pragma once
// The save/load contract for checkpoints (docs/checkpoints.md), independent of the file format:
// models, components and the engine write their state as named, typed, flat arrays ("columns")
// and read it back by the same names. The HDF5 implementation is in sim/checkpoint; keeping the
// interface here lets sim/model and sim/engine stay below sim/io in the layers.
//
// Names are '/'-separated paths ("stores/residents/trust"). A reader checks that an array exists
// with exactly the element type and count asked for, and throws DataError otherwise (a
// checkpoint from another model or version, or a damaged file), so a load never reads past an
// array or reinterprets one type as another.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/core/errors.hpp"

namespace govsim {

enum class ElemType : uint8_t { U8, I8, U16, I16, U32, I32, U64, I64, F32, F64 };

template <class T>
constexpr ElemType elem_type_of() {
  if constexpr (std::is_same_v<T, uint8_t> || std::is_same_v<T, bool>) return ElemType::U8;
  else if constexpr (std::is_same_v<T, int8_t>) return ElemType::I8;
  else if constexpr (std::is_same_v<T, uint16_t>) return ElemType::U16;
  else if constexpr (std::is_same_v<T, int16_t>) return ElemType::I16;
  else if constexpr (std::is_same_v<T, uint32_t>) return ElemType::U32;
  else if constexpr (std::is_same_v<T, int32_t>) return ElemType::I32;
  else if constexpr (std::is_same_v<T, uint64_t>) return ElemType::U64;
  else if constexpr (std::is_same_v<T, int64_t>) return ElemType::I64;
  else if constexpr (std::is_same_v<T, float>) return ElemType::F32;
  else {
    static_assert(std::is_same_v<T, double>, "state arrays hold integers or floating-point numbers");
    return ElemType::F64;
  }
}

class StateWriter {
 public:
  virtual ~StateWriter() = default;
  virtual void write(const std::string& name, ElemType type, const void* data, size_t count) = 0;
  virtual void write_strings(const std::string& name, const std::vector<std::string>& values) = 0;

  template <class T>
  void put(const std::string& name, std::span<const T> v) {
    write(name, elem_type_of<T>(), v.data(), v.size());
  }
  template <class T>
  void put(const std::string& name, const std::vector<T>& v) {
    put(name, std::span<const T>(v));
  }
  template <class T>
  void put_value(const std::string& name, const T& v) {
    put(name, std::span<const T>(&v, 1));
  }
  // Trivially copyable structs (a community's queue and counters) as raw bytes: a checkpoint is
  // read only by the same govsim version and format (checked before any state is read), so the
  // layout of the struct is the same on both sides.
  template <class T>
  void put_pod(const std::string& name, std::span<const T> v) {
    static_assert(std::is_trivially_copyable_v<T>);
    write(name, ElemType::U8, v.data(), v.size_bytes());
  }
};

class StateReader {
 public:
  virtual ~StateReader() = default;
  // Element count of array `name`, after checking it exists with element type `type`.
  virtual size_t count(const std::string& name, ElemType type) const = 0;
  // Reads exactly `count` elements of `type`; throws DataError on any mismatch.
  virtual void read(const std::string& name, ElemType type, void* data, size_t count) const = 0;
  virtual std::vector<std::string> read_strings(const std::string& name) const = 0;

  template <class T>
  void get(const std::string& name, std::span<T> out) const {
    read(name, elem_type_of<T>(), out.data(), out.size());
  }
  template <class T>
  std::vector<T> get_vector(const std::string& name) const {
    std::vector<T> v(count(name, elem_type_of<T>()));
    read(name, elem_type_of<T>(), v.data(), v.size());
    return v;
  }
  template <class T>
  T get_value(const std::string& name) const {
    T v{};
    read(name, elem_type_of<T>(), &v, 1);
    return v;
  }
  template <class T>
  void get_pod(const std::string& name, std::span<T> out) const {
    static_assert(std::is_trivially_copyable_v<T>);
    read(name, ElemType::U8, out.data(), out.size_bytes());
  }
  template <class T>
  std::vector<T> get_pod_vector(const std::string& name) const {
    static_assert(std::is_trivially_copyable_v<T>);
    const size_t bytes = count(name, ElemType::U8);
    if (bytes % sizeof(T) != 0) throw DataError(name + ": " + std::to_string(bytes) + " bytes, not a whole number of records");
    std::vector<T> v(bytes / sizeof(T));
    read(name, ElemType::U8, v.data(), bytes);
    return v;
  }
};

}  // namespace govsim
