import * as tf from '@tensorflow/tfjs-core';
import { describeBackend, probeWebGpu, useBackend, type WebGpuProber } from '../../src';
import type { ModuleLoader } from '../../src/select/native-bindings';
import { describeWebGpu, selectWebGpu } from '../support/webgpu';
import { withEnv } from '../support/environment';

const nothingInstalled: ModuleLoader = () => ({ loaded: false, reason: 'not installed' });
const adapter = (software: boolean) => ({
  vendor: software ? 'google' : 'nvidia',
  architecture: software ? 'swiftshader' : 'hopper',
  device: '',
  description: software ? 'SwiftShader driver 5.0.0' : 'NVIDIA H200',
  software,
});
const found =
  (software: boolean): WebGpuProber =>
  async () => ({ available: true, adapter: adapter(software), source: 'fake' });
const quiet = { quiet: true, load: nothingInstalled, native: 'off' } as const;

describe("useBackend: 'webgpu' where it cannot run", () => {
  it('names the missing package and how to install it', async () => {
    const probe: WebGpuProber = async () => ({
      available: false,
      reason: 'webgpu: not installed',
      install: 'npm install webgpu (Dawn)',
    });
    await expect(useBackend('webgpu', { ...quiet, probeWebGpu: probe })).rejects.toThrow(
      /backend 'webgpu' is not available here: webgpu \(webgpu: not installed\)\. Install npm install webgpu/,
    );
  });

  it('says when there is no Vulkan driver', async () => {
    const probe: WebGpuProber = async () => ({
      available: false,
      reason: 'webgpu 0.6.2 (Dawn) found no adapter (no Vulkan driver)',
      install: 'a Vulkan loader and driver',
    });
    await expect(useBackend('webgpu', { ...quiet, probeWebGpu: probe })).rejects.toThrow(
      /found no adapter \(no Vulkan driver\)\)\. Install a Vulkan loader and driver/,
    );
  });

  it('refuses a software adapter unless allowed, naming it and the way to allow it', async () => {
    await withEnv('CONTRASTIVE_ALLOW_SOFTWARE_GPU', undefined, async () => {
      await expect(useBackend('webgpu', { ...quiet, probeWebGpu: found(true) })).rejects.toThrow(
        /only a software adapter: google swiftshader \(SwiftShader driver 5\.0\.0\), software adapter; .*allowSoftwareGpu: true .*CONTRASTIVE_ALLOW_SOFTWARE_GPU=1/,
      );
    });
  });

  it("'auto' never picks a software adapter, and says so in its line", async () => {
    const lines: string[] = [];
    const name = await useBackend('auto', {
      ...quiet,
      quiet: false,
      log: (line) => lines.push(line),
      probeWebGpu: found(true),
    });
    expect(name).toBe('wasm');
    expect(lines[0]).toMatch(
      /not available: webgpu \(only a google swiftshader \(SwiftShader driver 5\.0\.0\) software adapter: never chosen automatically\)/,
    );
  });

  it('does not look for an adapter when another backend is requested', async () => {
    const probe = jest.fn(found(false));
    await useBackend('cpu', { ...quiet, probeWebGpu: probe });
    expect(probe).not.toHaveBeenCalled();
  });
});

describeWebGpu('useBackend: webgpu on this machine', () => {
  afterAll(() => tf.setBackend('cpu'));

  it("'auto' prefers a hardware adapter over every CPU path and names it", async () => {
    await selectWebGpu(); // installs navigator.gpu (Dawn), which the fake probe below does not do
    const lines: string[] = [];
    expect(
      await useBackend('auto', {
        ...quiet,
        quiet: false,
        log: (line) => lines.push(line),
        probeWebGpu: found(false),
      }),
    ).toBe('webgpu');
    expect(lines[0]).toMatch(
      /backend: webgpu via @tensorflow\/tfjs-backend-webgpu on nvidia hopper \(NVIDIA H200\), hardware adapter, through fake \(best available\)/,
    );
    expect(describeBackend()).toBe('webgpu (nvidia hopper, hardware adapter)');
  });

  it("the real adapter: 'webgpu' runs on it when allowed, and 'auto' takes it only if it is hardware", async () => {
    const probe = await probeWebGpu();
    if (!probe.available) throw new Error(`no WebGPU adapter: ${probe.reason}; install ${probe.install}`);
    const lines: string[] = [];
    await useBackend('webgpu', {
      ...quiet,
      quiet: false,
      allowSoftwareGpu: true,
      log: (line) => lines.push(line),
    });
    expect(lines[0]).toMatch(
      new RegExp(
        `webgpu via .* on ${probe.adapter.vendor} ${probe.adapter.architecture}.*, (software|hardware) adapter, through webgpu \\d+\\.\\d+\\.\\d+ \\(Dawn\\) \\(requested\\)`,
      ),
    );
    expect(await tf.square(tf.tensor1d([1, 2, 3])).data()).toEqual(new Float32Array([1, 4, 9]));
    expect(await useBackend('auto', quiet)).toBe(probe.adapter.software ? 'wasm' : 'webgpu');
  });

  it('CONTRASTIVE_ALLOW_SOFTWARE_GPU=1 allows a software adapter', async () => {
    await withEnv('CONTRASTIVE_ALLOW_SOFTWARE_GPU', '1', async () => {
      expect(await useBackend('webgpu', { ...quiet, probeWebGpu: found(true) })).toBe('webgpu');
    });
  });
});
