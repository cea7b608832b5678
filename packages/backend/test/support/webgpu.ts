import { useBackend } from '../../src';

/**
 * True when this run includes the WebGPU suites (tools/jest/webgpu-env.js decides: always in CI,
 * which sets CONTRASTIVE_WEBGPU=required, else when a Vulkan loader and driver are installed).
 */
export const WEBGPU_TESTS = process.env.CONTRASTIVE_WEBGPU_TESTS === '1';

/** `describe` for WebGPU suites: skipped (and said so) where they cannot run. */
export const describeWebGpu: jest.Describe = WEBGPU_TESTS ? describe : describe.skip;

/** Selects webgpu on whatever adapter there is (SwiftShader in CI). */
export async function selectWebGpu(): Promise<void> {
  await useBackend('webgpu', { quiet: true, allowSoftwareGpu: true });
}
