// Jest globalSetup (jest.preset.js): lets the WebGPU tests run on machines without a GPU, and pins
// wasm threads to one (below). Dawn (the
// `webgpu` package) finds Vulkan drivers through the Vulkan loader; this adds SwiftShader's driver
// from Debian's chromium package (tools/ci/install-vulkan.sh) to the ones the loader finds itself,
// so a real GPU's driver, where there is one, still wins the high-performance adapter. Only
// environment variables, set in jest's own process (a test file's process.env is a copy that
// Dawn's getenv never sees) before it starts the workers; nothing is loaded here.
const fs = require('fs');
const os = require('os');

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

module.exports = function webGpuTestEnvironment() {
  if (fs.existsSync(SWIFTSHADER_ICD) && !process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES) {
    const added = process.env.VK_ADD_DRIVER_FILES;
    if (!added?.split(':').includes(SWIFTSHADER_ICD)) {
      process.env.VK_ADD_DRIVER_FILES = added ? `${added}:${SWIFTSHADER_ICD}` : SWIFTSHADER_ICD;
    }
  }
  // The Vulkan loader wants a runtime directory; CI containers often have none.
  process.env.XDG_RUNTIME_DIR ??= os.tmpdir();
  if (webGpuTestsCanRun()) process.env.CONTRASTIVE_WEBGPU_TESTS = '1';
  // useBackend's default thread count follows the machine's load at start, so two runs of a
  // suite could train on different counts and differ in the last bits. Tests are reproducible:
  // one thread unless the caller sets it; the thread tests pass `threads` themselves.
  process.env.CONTRASTIVE_THREADS ??= '1';
};

/**
 * Whether the WebGPU suites run: always when CONTRASTIVE_WEBGPU=required (CI: then a missing
 * adapter fails them), never when `off`, else when the pieces they need are installed (the `webgpu`
 * package, a Vulkan loader and a driver). Tests read CONTRASTIVE_WEBGPU_TESTS=1.
 */
function webGpuTestsCanRun() {
  const mode = process.env.CONTRASTIVE_WEBGPU ?? 'auto';
  if (mode === 'required') return true;
  if (mode === 'off') return false;
  try {
    require.resolve('webgpu/package.json');
  } catch {
    return false;
  }
  const loaderDirs = [
    '/lib/x86_64-linux-gnu',
    '/usr/lib/x86_64-linux-gnu',
    '/lib/aarch64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
  ];
  const hasLoader =
    process.platform !== 'linux' || loaderDirs.some((dir) => fs.existsSync(`${dir}/libvulkan.so.1`));
  const hasDriver =
    process.platform !== 'linux' ||
    fs.existsSync(SWIFTSHADER_ICD) ||
    ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'].some(
      (dir) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0,
    );
  return hasLoader && hasDriver;
}
