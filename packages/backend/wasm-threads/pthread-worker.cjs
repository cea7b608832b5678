'use strict';
// Node entry point for the pthread workers of @tensorflow/tfjs-backend-wasm's threaded SIMD
// build (see src/threads/wasm-threads.ts). tfjs ships the Emscripten worker script only as a
// string (it hands browsers a blob: URL, which Node's worker_threads cannot load); this file
// runs that string as a CommonJS script, with `require` and `__filename` in scope as the
// script expects. tfjs escapes the newlines of its string the same way before using it.
const {
  wasmWorkerContents,
} = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');

new Function('require', '__filename', wasmWorkerContents.replace(/\n/g, '\\n'))(require, __filename);
