{
  "targets": [
    {
      "target_name": "contrastive_native",
      "sources": [
        "native/addon.cc",
        "native/dnnl_context.cc",
        "native/conv2d.cc",
        "native/matmul.cc",
        "native/max_pool_grad.cc",
        "native/supcon_rows.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NAPI_VERSION=8"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-O3", "-fopenmp"],
      "libraries": ["-ldnnl", "-fopenmp"]
    }
  ]
}
