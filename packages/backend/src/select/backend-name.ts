/** What a user may ask for: a specific backend, or the best one available. */
export type BackendRequest = 'auto' | 'webgpu' | 'tensorflow' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'webgpu', 'tensorflow', 'webgl', 'wasm', 'cpu'];
