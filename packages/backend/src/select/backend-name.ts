/** What a user may ask for: a specific backend, or the best one available. */
export type BackendRequest = 'auto' | 'webgpu' | 'tensorflow' | 'webgl' | 'wasm' | 'cpu';

/** Every backend a caller may ask for. */
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'webgpu', 'tensorflow', 'webgl', 'wasm', 'cpu'];
