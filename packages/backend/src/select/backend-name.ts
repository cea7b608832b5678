/** What a user may ask for: a specific backend, or the best one available. */
export type BackendRequest = 'auto' | 'tensorflow' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'tensorflow', 'webgl', 'wasm', 'cpu'];
