#include "conv2d.h"

#include <string>

#include "dnnl_context.h"

namespace contrastive {
namespace {

using dnnl::algorithm;
using dnnl::memory;
using dnnl::prop_kind;
using Tag = memory::format_tag;
using Type = memory::data_type;

// oneDNN names dimensions in NCHW / OIHW order whatever the layout; the tag gives the layout.
struct ConvDescs {
  memory::desc src, weights, dst, bias;
  memory::dims strides, dilations, padLeft, padRight;
};

ConvDescs describe(const Conv2dGeometry& g) {
  return ConvDescs{
      memory::desc({g.batch, g.inChannels, g.inHeight, g.inWidth}, Type::f32, Tag::nhwc),
      memory::desc({g.outChannels, g.inChannels, g.filterHeight, g.filterWidth}, Type::f32, Tag::hwio),
      memory::desc({g.batch, g.outChannels, g.outHeight, g.outWidth}, Type::f32, Tag::nhwc),
      memory::desc({g.outChannels}, Type::f32, Tag::x),
      {g.strideHeight, g.strideWidth},
      // oneDNN counts dilation from 0, TensorFlow from 1.
      {g.dilationHeight - 1, g.dilationWidth - 1},
      {g.padTop, g.padLeft},
      {g.padBottom, g.padRight},
  };
}

std::string keyOf(const char* kind, const Conv2dGeometry& g, int flags = 0) {
  std::string key(kind);
  for (int v : {g.batch, g.inHeight, g.inWidth, g.inChannels, g.filterHeight, g.filterWidth,
                g.outChannels, g.outHeight, g.outWidth, g.strideHeight, g.strideWidth,
                g.dilationHeight, g.dilationWidth, g.padTop, g.padBottom, g.padLeft, g.padRight,
                flags}) {
    key += ':' + std::to_string(v);
  }
  return key;
}

dnnl::convolution_forward::primitive_desc forwardDesc(const ConvDescs& d, bool bias, bool relu) {
  auto desc = bias ? dnnl::convolution_forward::desc(prop_kind::forward_training,
                                                     algorithm::convolution_direct, d.src,
                                                     d.weights, d.bias, d.dst, d.strides,
                                                     d.dilations, d.padLeft, d.padRight)
                   : dnnl::convolution_forward::desc(prop_kind::forward_training,
                                                     algorithm::convolution_direct, d.src,
                                                     d.weights, d.dst, d.strides, d.dilations,
                                                     d.padLeft, d.padRight);
  dnnl::primitive_attr attr;
  if (relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  return dnnl::convolution_forward::primitive_desc(desc, attr, cpuEngine());
}

struct Forward {
  ConvDescs descs;
  dnnl::convolution_forward primitive;
};

struct BackwardData {
  ConvDescs descs;
  dnnl::convolution_backward_data primitive;
};

struct BackwardWeights {
  ConvDescs descs;
  dnnl::convolution_backward_weights primitive;
};

}  // namespace

void conv2dForward(const Conv2dGeometry& g, const float* x, const float* w, const float* bias,
                   bool relu, float* y) {
  static PrimitiveCache<Forward> cache;
  const bool hasBias = bias != nullptr;
  auto& entry = cache.get(keyOf("fwd", g, hasBias * 2 + relu), [&] {
    ConvDescs d = describe(g);
    return Forward{d, dnnl::convolution_forward(forwardDesc(d, hasBias, relu))};
  });
  const ConvDescs& d = entry.descs;
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, wrap(d.src, x)},
                                       {DNNL_ARG_WEIGHTS, wrap(d.weights, w)},
                                       {DNNL_ARG_DST, wrap(d.dst, y)}};
  if (hasBias) args.emplace(DNNL_ARG_BIAS, wrap(d.bias, bias));
  entry.primitive.execute(cpuStream(), args);
  cpuStream().wait();
}

void conv2dBackwardData(const Conv2dGeometry& g, const float* dy, const float* w, float* dx) {
  static PrimitiveCache<BackwardData> cache;
  auto& entry = cache.get(keyOf("bwd-data", g), [&] {
    ConvDescs d = describe(g);
    dnnl::convolution_backward_data::desc desc(algorithm::convolution_direct, d.src, d.weights,
                                                d.dst, d.strides, d.dilations, d.padLeft,
                                                d.padRight);
    dnnl::convolution_backward_data::primitive_desc pd(desc, cpuEngine(),
                                                       forwardDesc(d, false, false));
    return BackwardData{d, dnnl::convolution_backward_data(pd)};
  });
  const ConvDescs& d = entry.descs;
  entry.primitive.execute(cpuStream(), {{DNNL_ARG_DIFF_DST, wrap(d.dst, dy)},
                                        {DNNL_ARG_WEIGHTS, wrap(d.weights, w)},
                                        {DNNL_ARG_DIFF_SRC, wrap(d.src, dx)}});
  cpuStream().wait();
}

void conv2dBackwardWeights(const Conv2dGeometry& g, const float* x, const float* dy, float* dw) {
  static PrimitiveCache<BackwardWeights> cache;
  auto& entry = cache.get(keyOf("bwd-weights", g), [&] {
    ConvDescs d = describe(g);
    dnnl::convolution_backward_weights::desc desc(algorithm::convolution_direct, d.src,
                                                   d.weights, d.dst, d.strides, d.dilations,
                                                   d.padLeft, d.padRight);
    dnnl::convolution_backward_weights::primitive_desc pd(desc, cpuEngine(),
                                                          forwardDesc(d, false, false));
    return BackwardWeights{d, dnnl::convolution_backward_weights(pd)};
  });
  const ConvDescs& d = entry.descs;
  entry.primitive.execute(cpuStream(), {{DNNL_ARG_SRC, wrap(d.src, x)},
                                        {DNNL_ARG_DIFF_DST, wrap(d.dst, dy)},
                                        {DNNL_ARG_DIFF_WEIGHTS, wrap(d.weights, dw)}});
  cpuStream().wait();
}

}  // namespace contrastive
