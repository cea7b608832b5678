// N-API entry points. Every buffer is a Float32Array view the caller owns (TensorFlow.js' wasm
// heap); sizes are checked against the geometry before any native code touches them, since a
// wrong size here would corrupt the heap instead of failing.
#include <napi.h>
#include <omp.h>

#include <string>

#include "conv2d.h"
#include "dnnl_context.h"
#include "matmul.h"
#include "max_pool_grad.h"
#include "supcon_rows.h"

namespace {

using contrastive::Conv2dGeometry;
using contrastive::MatMulGeometry;
using contrastive::PoolGeometry;

std::vector<int> ints(const Napi::Value& value, size_t count, const char* what) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " must be an Int32Array");
  }
  auto array = value.As<Napi::Int32Array>();
  if (array.ElementLength() != count) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " must hold " +
                                                std::to_string(count) + " integers");
  }
  return std::vector<int>(array.Data(), array.Data() + count);
}

float* floats(const Napi::Value& value, size_t expected, const char* what) {
  if (!value.IsTypedArray() ||
      value.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " must be a Float32Array");
  }
  auto array = value.As<Napi::Float32Array>();
  if (array.ElementLength() != expected) {
    throw Napi::RangeError::New(value.Env(), std::string(what) + " has " +
                                                 std::to_string(array.ElementLength()) +
                                                 " elements, expected " + std::to_string(expected));
  }
  return array.Data();
}

const int32_t* optionalInts(const Napi::Value& value, size_t expected, const char* what) {
  if (value.IsNull() || value.IsUndefined()) return nullptr;
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(value.Env(), std::string(what) + " must be an Int32Array");
  }
  auto array = value.As<Napi::Int32Array>();
  if (array.ElementLength() != expected) {
    throw Napi::RangeError::New(value.Env(), std::string(what) + " has " +
                                                 std::to_string(array.ElementLength()) +
                                                 " elements, expected " + std::to_string(expected));
  }
  return array.Data();
}

float* optionalFloats(const Napi::Value& value, size_t expected, const char* what) {
  return value.IsNull() || value.IsUndefined() ? nullptr : floats(value, expected, what);
}

size_t product(std::initializer_list<int> dims) {
  size_t size = 1;
  for (int d : dims) size *= static_cast<size_t>(d);
  return size;
}

// [batch, inHeight, inWidth, inChannels, filterHeight, filterWidth, outChannels, outHeight,
//  outWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, padTop, padBottom,
//  padLeft, padRight]
Conv2dGeometry convGeometry(const Napi::Value& value) {
  auto p = ints(value, 17, "conv geometry");
  return Conv2dGeometry{p[0], p[1], p[2],  p[3],  p[4],  p[5],  p[6],  p[7], p[8],
                        p[9], p[10], p[11], p[12], p[13], p[14], p[15], p[16]};
}

size_t inputSize(const Conv2dGeometry& g) {
  return product({g.batch, g.inHeight, g.inWidth, g.inChannels});
}
size_t filterSize(const Conv2dGeometry& g) {
  return product({g.filterHeight, g.filterWidth, g.inChannels, g.outChannels});
}
size_t outputSize(const Conv2dGeometry& g) {
  return product({g.batch, g.outHeight, g.outWidth, g.outChannels});
}

template <typename Body>
Napi::Value guarded(const Napi::CallbackInfo& info, Body body) {
  try {
    body();
  } catch (const dnnl::error& e) {
    throw Napi::Error::New(info.Env(), std::string("oneDNN: ") + e.what());
  }
  return info.Env().Undefined();
}

// conv2d(geometry, x, filter, bias | null, relu, y)
Napi::Value Conv2d(const Napi::CallbackInfo& info) {
  auto g = convGeometry(info[0]);
  const float* x = floats(info[1], inputSize(g), "x");
  const float* w = floats(info[2], filterSize(g), "filter");
  const float* bias = optionalFloats(info[3], g.outChannels, "bias");
  const bool relu = info[4].ToBoolean();
  float* y = floats(info[5], outputSize(g), "output");
  return guarded(info, [&] { contrastive::conv2dForward(g, x, w, bias, relu, y); });
}

// conv2dBackpropInput(geometry, dy, filter, dx)
Napi::Value Conv2dBackpropInput(const Napi::CallbackInfo& info) {
  auto g = convGeometry(info[0]);
  const float* dy = floats(info[1], outputSize(g), "dy");
  const float* w = floats(info[2], filterSize(g), "filter");
  float* dx = floats(info[3], inputSize(g), "dx");
  return guarded(info, [&] { contrastive::conv2dBackwardData(g, dy, w, dx); });
}

// conv2dBackpropFilter(geometry, x, dy, dw)
Napi::Value Conv2dBackpropFilter(const Napi::CallbackInfo& info) {
  auto g = convGeometry(info[0]);
  const float* x = floats(info[1], inputSize(g), "x");
  const float* dy = floats(info[2], outputSize(g), "dy");
  float* dw = floats(info[3], filterSize(g), "dw");
  return guarded(info, [&] { contrastive::conv2dBackwardWeights(g, x, dy, dw); });
}

// matMul([batchA, batchB, m, k, n, transposeA, transposeB], a, b, bias | null, relu, c)
Napi::Value MatMul(const Napi::CallbackInfo& info) {
  auto p = ints(info[0], 7, "matMul geometry");
  MatMulGeometry g{p[0], p[1], p[2], p[3], p[4], p[5] != 0, p[6] != 0};
  if (g.batchA != g.batchB && g.batchA != 1 && g.batchB != 1) {
    throw Napi::RangeError::New(info.Env(), "matMul: batch sizes must match or one must be 1");
  }
  const float* a = floats(info[1], product({g.batchA, g.m, g.k}), "a");
  const float* b = floats(info[2], product({g.batchB, g.k, g.n}), "b");
  const float* bias = optionalFloats(info[3], g.n, "bias");
  const bool relu = info[4].ToBoolean();
  float* c = floats(info[5], product({std::max(g.batchA, g.batchB), g.m, g.n}), "c");
  return guarded(info, [&] { contrastive::matMul(g, a, b, bias, relu, c); });
}

// maxPoolGrad([batch, inHeight, inWidth, channels, outHeight, outWidth, filterHeight,
//              filterWidth, strideHeight, strideWidth, padTop, padLeft], dy, x, dx)
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  auto p = ints(info[0], 12, "pool geometry");
  PoolGeometry g{p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]};
  const float* dy = floats(info[1], product({g.batch, g.outHeight, g.outWidth, g.channels}), "dy");
  const size_t inSize = product({g.batch, g.inHeight, g.inWidth, g.channels});
  const float* x = floats(info[2], inSize, "x");
  float* dx = floats(info[3], inSize, "dx");
  contrastive::maxPoolGrad(g, dy, x, dx);
  return info.Env().Undefined();
}

// supConRows([rows, cols, variantIn, excludeNoPositive], [scale, maskOffset], logits,
//            positive | null, anchorLabels | null, contrastLabels | null, selfIndex | null,
//            loss (1 element), gradient)
Napi::Value SupConRows(const Napi::CallbackInfo& info) {
  auto p = ints(info[0], 4, "supConRows geometry");
  if (!info[1].IsTypedArray() || info[1].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array ||
      info[1].As<Napi::Float32Array>().ElementLength() != 2) {
    throw Napi::TypeError::New(info.Env(), "supConRows scalars must be a Float32Array [scale, maskOffset]");
  }
  auto scalars = info[1].As<Napi::Float32Array>();
  contrastive::SupConRowsInput in{};
  in.rows = p[0];
  in.cols = p[1];
  in.variantIn = p[2] != 0;
  in.excludeNoPositive = p[3] != 0;
  in.scale = scalars[0];
  in.maskOffset = scalars[1];
  const size_t cells = product({in.rows, in.cols});
  in.logits = floats(info[2], cells, "logits");
  in.positive = optionalFloats(info[3], cells, "positive");
  in.anchorLabels = optionalInts(info[4], in.rows, "anchorLabels");
  in.contrastLabels = optionalInts(info[5], in.cols, "contrastLabels");
  in.selfIndex = optionalInts(info[6], in.rows, "selfIndex");
  if (!in.positive && (!in.anchorLabels || !in.contrastLabels)) {
    throw Napi::TypeError::New(info.Env(), "supConRows needs positive, or anchorLabels and contrastLabels");
  }
  if (in.selfIndex) {
    for (int i = 0; i < in.rows; i++) {
      if (in.selfIndex[i] < -1 || in.selfIndex[i] >= in.cols) {
        throw Napi::RangeError::New(info.Env(), "supConRows: selfIndex[" + std::to_string(i) + "] = " +
                                                    std::to_string(in.selfIndex[i]) + " is outside [-1, " +
                                                    std::to_string(in.cols) + ")");
      }
    }
  }
  float* loss = floats(info[7], 1, "loss");
  float* gradient = floats(info[8], cells, "gradient");
  contrastive::supConRows(in, loss, gradient);
  return info.Env().Undefined();
}

const char* isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

// info() -> { library, version, threads, isa }
Napi::Value Info(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  const dnnl_version_t* v = dnnl_version();
  auto out = Napi::Object::New(env);
  out.Set("library", "oneDNN");
  out.Set("version", std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
                         std::to_string(v->patch));
  out.Set("threads", omp_get_max_threads());
  out.Set("isa", isaName(dnnl::get_effective_cpu_isa()));
  return out;
}

// setThreads(n): OpenMP threads for the kernels that follow. It sets the calling thread's team
// size, and every kernel is called from that one (Node's main thread or the worker that loaded
// the addon); oneDNN keys its primitive cache by the thread count, so a change takes effect.
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  if (!info[0].IsNumber()) throw Napi::TypeError::New(info.Env(), "threads must be a number");
  const double threads = info[0].As<Napi::Number>().DoubleValue();
  if (threads < 1 || threads > 4096 || threads != static_cast<int>(threads)) {
    throw Napi::RangeError::New(info.Env(), "threads must be an integer from 1 to 4096");
  }
  omp_set_num_threads(static_cast<int>(threads));
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("conv2d", Napi::Function::New(env, Conv2d));
  exports.Set("conv2dBackpropInput", Napi::Function::New(env, Conv2dBackpropInput));
  exports.Set("conv2dBackpropFilter", Napi::Function::New(env, Conv2dBackpropFilter));
  exports.Set("matMul", Napi::Function::New(env, MatMul));
  exports.Set("maxPoolGrad", Napi::Function::New(env, MaxPoolGrad));
  exports.Set("supConRows", Napi::Function::New(env, SupConRows));
  exports.Set("info", Napi::Function::New(env, Info));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads));
  return exports;
}

}  // namespace

NODE_API_MODULE(contrastive_native, Init)
