#include "matmul.h"

#include <algorithm>
#include <string>

#include "dnnl_context.h"

namespace contrastive {
namespace {

using dnnl::memory;
using Type = memory::data_type;

struct MatMulEntry {
  memory::desc a, b, bias, c;
  dnnl::matmul primitive;
};

// A stored row-major [batch, rows, cols] operand seen as logical [batch, outer, inner].
memory::desc operand(int batch, int outer, int inner, bool transposed) {
  const memory::dim size = static_cast<memory::dim>(outer) * inner;
  memory::dims strides = transposed ? memory::dims{size, 1, outer} : memory::dims{size, inner, 1};
  if (batch == 1) strides[0] = size;
  return memory::desc({batch, outer, inner}, Type::f32, strides);
}

}  // namespace

void matMul(const MatMulGeometry& g, const float* a, const float* b, const float* bias, bool relu,
            float* c) {
  static PrimitiveCache<MatMulEntry> cache;
  const bool hasBias = bias != nullptr;
  std::string key = "mm";
  for (int v : {g.batchA, g.batchB, g.m, g.k, g.n, int(g.transposeA), int(g.transposeB),
                int(hasBias), int(relu)}) {
    key += ':' + std::to_string(v);
  }
  auto& entry = cache.get(key, [&] {
    const int batch = std::max(g.batchA, g.batchB);
    memory::desc aDesc = operand(g.batchA, g.m, g.k, g.transposeA);
    memory::desc bDesc = operand(g.batchB, g.k, g.n, g.transposeB);
    memory::desc cDesc({batch, g.m, g.n}, Type::f32, memory::format_tag::abc);
    memory::desc biasDesc({1, 1, g.n}, Type::f32, memory::format_tag::abc);
    dnnl::primitive_attr attr;
    if (relu) {
      dnnl::post_ops ops;
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
      attr.set_post_ops(ops);
    }
    auto desc = hasBias ? dnnl::matmul::desc(aDesc, bDesc, biasDesc, cDesc)
                        : dnnl::matmul::desc(aDesc, bDesc, cDesc);
    dnnl::matmul::primitive_desc pd(desc, attr, cpuEngine());
    return MatMulEntry{aDesc, bDesc, biasDesc, cDesc, dnnl::matmul(pd)};
  });
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, wrap(entry.a, a)},
                                       {DNNL_ARG_WEIGHTS, wrap(entry.b, b)},
                                       {DNNL_ARG_DST, wrap(entry.c, c)}};
  if (hasBias) args.emplace(DNNL_ARG_BIAS, wrap(entry.bias, bias));
  entry.primitive.execute(cpuStream(), args);
  cpuStream().wait();
}

}  // namespace contrastive
