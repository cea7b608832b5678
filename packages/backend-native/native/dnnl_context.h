// One oneDNN CPU engine and stream for the process, and a cache of built primitives keyed by
// their shapes and attributes: building a primitive (descriptor search + JIT) costs far more
// than running a small one, and a training loop repeats the same few shapes every step.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include <memory>
#include <string>
#include <unordered_map>

namespace contrastive {

dnnl::engine& cpuEngine();
dnnl::stream& cpuStream();

template <typename Entry>
class PrimitiveCache {
 public:
  template <typename Build>
  Entry& get(const std::string& key, Build build) {
    auto found = entries_.find(key);
    if (found != entries_.end()) return *found->second;
    auto inserted = entries_.emplace(key, std::make_unique<Entry>(build()));
    return *inserted.first->second;
  }

 private:
  std::unordered_map<std::string, std::unique_ptr<Entry>> entries_;
};

// Wraps caller-owned memory (a view into the wasm heap) without copying.
inline dnnl::memory wrap(const dnnl::memory::desc& desc, const float* data) {
  return dnnl::memory(desc, cpuEngine(), const_cast<float*>(data));
}

}  // namespace contrastive
