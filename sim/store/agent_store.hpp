#pragma once
// Structure-of-arrays state for one agent kind (residents, officials, firms or platforms).
//
// An agent is an index; each state variable is one contiguous column. Columns are allocated once
// at setup, so a step never allocates per agent. A column can be double-buffered: rules read
// `cur()` and write `next()`, and the engine swaps the buffers after the step, so every agent
// sees the same day's state regardless of update order or thread count.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace govsim {

class ColumnBase {
 public:
  virtual ~ColumnBase() = default;
  virtual size_t bytes() const = 0;
  virtual void swap_buffers() = 0;
  virtual const std::type_info& type() const = 0;
  const std::string& name() const { return name_; }
  // Raw access to both buffers for checkpoints (sim/engine saves and restores every column
  // without knowing its type); `next` is empty unless the column is double-buffered.
  virtual std::span<std::byte> raw(bool next) = 0;
  virtual std::span<const std::byte> raw(bool next) const = 0;

 protected:
  explicit ColumnBase(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

template <class T>
class Column final : public ColumnBase {
 public:
  Column(std::string name, size_t n, T init, bool double_buffered)
      : ColumnBase(std::move(name)), cur_(n, init), next_(double_buffered ? n : 0, init) {}

  std::span<T> cur() { return cur_; }
  std::span<const T> cur() const { return cur_; }
  std::span<T> next() { return next_; }  // empty unless double-buffered
  bool double_buffered() const { return !next_.empty() || cur_.empty(); }

  T* data() { return cur_.data(); }
  const T* data() const { return cur_.data(); }
  size_t size() const { return cur_.size(); }
  T& operator[](size_t i) { return cur_[i]; }
  const T& operator[](size_t i) const { return cur_[i]; }

  size_t bytes() const override { return (cur_.capacity() + next_.capacity()) * sizeof(T); }
  void swap_buffers() override {
    if (!next_.empty()) cur_.swap(next_);
  }
  const std::type_info& type() const override { return typeid(T); }
  std::span<std::byte> raw(bool next) override { return std::as_writable_bytes(std::span<T>(next ? next_ : cur_)); }
  std::span<const std::byte> raw(bool next) const override {
    return std::as_bytes(std::span<const T>(next ? next_ : cur_));
  }

 private:
  std::vector<T> cur_;
  std::vector<T> next_;
};

class AgentStore {
 public:
  AgentStore(std::string kind, uint32_t count) : kind_(std::move(kind)), count_(count) {}

  const std::string& kind() const { return kind_; }
  uint32_t size() const { return count_; }

  // Adds a column; the returned reference stays valid for the store's lifetime.
  template <class T>
  Column<T>& add_column(std::string name, T init = T{}, bool double_buffered = false) {
    if (find(name)) throw std::logic_error(kind_ + ": column '" + name + "' declared twice");
    auto col = std::make_unique<Column<T>>(std::move(name), count_, init, double_buffered);
    Column<T>& ref = *col;
    columns_.push_back(std::move(col));
    return ref;
  }

  template <class T>
  Column<T>& column(std::string_view name) {
    ColumnBase* c = find(name);
    if (!c) throw std::logic_error(kind_ + ": no column '" + std::string(name) + "'");
    if (c->type() != typeid(T)) throw std::logic_error(kind_ + ": column '" + std::string(name) + "' has another type");
    return static_cast<Column<T>&>(*c);
  }

  // Swaps every double-buffered column (called by the engine after each step).
  void swap_buffers() {
    for (auto& c : columns_) c->swap_buffers();
  }

  size_t bytes() const {
    size_t b = 0;
    for (const auto& c : columns_) b += c->bytes();
    return b;
  }
  const std::vector<std::unique_ptr<ColumnBase>>& columns() const { return columns_; }

 private:
  ColumnBase* find(std::string_view name) const {
    for (const auto& c : columns_)
      if (c->name() == name) return c.get();
    return nullptr;
  }
  std::string kind_;
  uint32_t count_;
  std::vector<std::unique_ptr<ColumnBase>> columns_;
};

}  // namespace govsim
