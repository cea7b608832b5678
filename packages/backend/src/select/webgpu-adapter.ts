import { isNode, requireOptional } from './native-bindings';

/** The adapter WebGPU would run on, as its `GPUAdapterInfo` names it. */
export interface WebGpuAdapterDescription {
  /** GPU vendor, as the adapter reports it. */
  vendor: string;
  /** GPU architecture, as the adapter reports it. */
  architecture: string;
  /** Device name, as the adapter reports it. */
  device: string;
  /** Free-form description, as the adapter reports it. */
  description: string;
  /** A CPU implementation (SwiftShader, llvmpipe, lavapipe, WARP): correct but slower than wasm. */
  software: boolean;
}

/** Whether WebGPU can run here: on which adapter, through what, or why not and what to install. */
export type WebGpuProbe =
  | { available: true; adapter: WebGpuAdapterDescription; source: string }
  | { available: false; reason: string; install: string };

/** Finds the WebGPU adapter (injectable so the selection logic is testable without a GPU). */
export type WebGpuProber = () => Promise<WebGpuProbe>;

/** The npm package with Dawn's Node bindings: an optional peer, loaded only when installed. */
export const WEBGPU_NODE_PACKAGE = 'webgpu';

const INSTALL_PACKAGE = `npm install ${WEBGPU_NODE_PACKAGE} (Dawn's WebGPU for Node, an optional peer of @contrastive/backend)`;
const INSTALL_DRIVER =
  'a Vulkan loader and driver: on Debian/Ubuntu `apt install libvulkan1` plus the GPU vendor driver ' +
  '(NVIDIA: its proprietary driver, which ships Vulkan; AMD/Intel: mesa-vulkan-drivers); ' +
  'check with `vulkaninfo --summary` (package vulkan-tools)';

/** Adapter names of known CPU implementations, for drivers that do not set `isFallbackAdapter`. */
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render/i;

interface GpuAdapterLike {
  info?: Partial<Record<'vendor' | 'architecture' | 'device' | 'description', string>> & {
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}
interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** The adapter's info in our terms; software when the driver says so or its name is a known CPU implementation. */
export function describeAdapter(adapter: GpuAdapterLike): WebGpuAdapterDescription {
  const info = adapter.info ?? {};
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const software =
    info.isFallbackAdapter === true ||
    adapter.isFallbackAdapter === true ||
    SOFTWARE_ADAPTER.test([vendor, architecture, device, description].join(' '));
  return { vendor, architecture, device, description, software };
}

/** `google swiftshader (SwiftShader driver 5.0.0), software adapter`. */
export function adapterLabel(adapter: WebGpuAdapterDescription): string {
  const name =
    [adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || adapter.device || 'unnamed adapter';
  const detail = adapter.description && adapter.description !== name ? ` (${adapter.description})` : '';
  return `${name}${detail}, ${adapter.software ? 'software' : 'hardware'} adapter`;
}

/**
 * `navigator.gpu`: the browser's, or in Node one made from Dawn's bindings (the optional `webgpu`
 * package) and installed on `globalThis` with the WebGPU constants (GPUBufferUsage, ...), which
 * @tensorflow/tfjs-backend-webgpu expects to find there. The package's own entry is an ES module
 * (a CommonJS `require` of it warns on Node 20 and fails under jest), so its platform binary,
 * which exports the same `create` and `globals`, is loaded directly.
 */
function navigatorGpu(): { gpu: GpuLike; source: string } | { reason: string; install: string } {
  const scope = globalThis as { navigator?: { gpu?: GpuLike } };
  if (scope.navigator?.gpu) return { gpu: scope.navigator.gpu, source: 'navigator.gpu' };
  if (!isNode()) {
    return {
      reason: 'this browser has no WebGPU (navigator.gpu is undefined)',
      install:
        'a browser with WebGPU enabled (Chrome/Edge 113 or later, or another browser with WebGPU turned on)',
    };
  }
  const manifest = requireOptional<{ version: string }>(`${WEBGPU_NODE_PACKAGE}/package.json`);
  if (!manifest.loaded)
    return { reason: `${WEBGPU_NODE_PACKAGE}: ${manifest.reason}`, install: INSTALL_PACKAGE };
  const { platform, arch } = (globalThis as unknown as { process: { platform: string; arch: string } })
    .process;
  const build = `${platform}-${platform === 'darwin' ? 'universal' : arch}`;
  const dawn = requireOptional<DawnModule>(`${WEBGPU_NODE_PACKAGE}/dist/${build}/dawn.node`);
  if (!dawn.loaded) {
    return {
      reason: `${WEBGPU_NODE_PACKAGE} ${manifest.module.version}: Dawn for ${build} ${dawn.reason}`,
      install: `a system ${WEBGPU_NODE_PACKAGE} has a working build for (it ships linux-x64, linux-arm64, darwin and win32; the error names what is missing)`,
    };
  }
  const globals = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.module.globals))
    if (!(name in globals)) globals[name] = value;
  const gpu = dawn.module.create([]);
  if (scope.navigator) Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return { gpu, source: `${WEBGPU_NODE_PACKAGE} ${manifest.module.version} (Dawn)` };
}

/** Asks `navigator.gpu` for its high-performance adapter and describes it, or says why there is none. */
export const probeWebGpu: WebGpuProber = async () => {
  const found = navigatorGpu();
  if (!('gpu' in found)) return { available: false, ...found };
  const adapter = await found.gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) {
    return {
      available: false,
      reason: `${found.source} found no adapter (no Vulkan driver${isNode() ? ', or no Vulkan loader libvulkan.so.1' : ''})`,
      install: isNode() ? INSTALL_DRIVER : 'a GPU driver the browser supports (see chrome://gpu)',
    };
  }
  return { available: true, adapter: describeAdapter(adapter), source: found.source };
};

let cached: Promise<WebGpuProbe> | undefined;

/** {@link probeWebGpu} once per process: the adapter does not change, and Dawn's probe costs time. */
export const probeWebGpuOnce: WebGpuProber = () => (cached ??= probeWebGpu());
