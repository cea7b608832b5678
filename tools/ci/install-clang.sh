#!/usr/bin/env bash
# Installs Debian's clang-14 and lld-14 (wasm-ld), which build @contrastive/backend's WebAssembly
# SIMD kernels from C (packages/backend/scripts/build-simd.js). Users never need them: the built
# module is committed (packages/backend/src/simd/kernels-wasm.ts); CI rebuilds it from source and
# fails when it differs (CONTRASTIVE_SIMD_BUILD=required, packages/backend/test/simd/kernels-wasm-build.test.ts).
# clang-14 is pinned: another version would emit different (if equivalent) bytes.
#
# Idempotent: does nothing when clang-14 and wasm-ld-14 are already there. Needs root (or sudo)
# and access to Debian's package mirrors. Quiet unless something fails.
set -euo pipefail

if command -v clang-14 >/dev/null 2>&1 && command -v wasm-ld-14 >/dev/null 2>&1; then
  echo "install-clang: $(clang-14 --version | head -n 1) and wasm-ld-14 already installed"
  exit 0
fi
# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install install-clang clang-14 lld-14
command -v clang-14 >/dev/null 2>&1 && command -v wasm-ld-14 >/dev/null 2>&1 \
  || { echo "install-clang: apt-get succeeded but clang-14 or wasm-ld-14 is missing" >&2; exit 1; }
echo "install-clang: installed $(clang-14 --version | head -n 1)"
