#!/usr/bin/env bash
# Installs what the WebGPU tests need on a Debian machine without a GPU (they run on SwiftShader):
#   - libvulkan1: the Vulkan loader (libvulkan.so.1) that Dawn, in the npm package `webgpu`, opens
#   - chromium, whose package ships SwiftShader's Vulkan driver
#     (/usr/lib/chromium/vk_swiftshader_icd.json + libvk_swiftshader.so). Debian 12's own software
#     driver, Mesa's lavapipe, is too old for this Dawn ("shaderUniform*ArrayDynamicIndexing required").
# The tests add the SwiftShader driver with VK_ADD_DRIVER_FILES (tools/jest/webgpu-env.js), so a
# real GPU's driver, where there is one, stays visible.
#
# Idempotent: does nothing when both are there. Needs root (or sudo) and Debian's package mirrors.
set -euo pipefail

ICD=/usr/lib/chromium/vk_swiftshader_icd.json
packages=()
ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 ' || packages+=(libvulkan1)
[ -f "$ICD" ] || packages+=(chromium)

if [ ${#packages[@]} -eq 0 ]; then
  echo "install-vulkan: Vulkan loader and SwiftShader ($ICD) already installed"
  exit 0
fi
# shellcheck source=lib/apt-install.sh
source "$(dirname "$0")/lib/apt-install.sh"
apt_install install-vulkan "${packages[@]}"
[ -f "$ICD" ] || { echo "install-vulkan: apt-get succeeded but $ICD is missing" >&2; exit 1; }
echo "install-vulkan: installed ${packages[*]}"
