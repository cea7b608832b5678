import type { Optimizer } from '../optim/optimizer';
import type { TensorBundle } from './tensor-bundle';

/** What a checkpoint's JSON says about the optimizer; its slots sit in the bundle under `optimizer/`. */
export interface OptimizerMeta {
  kind: string;
  step: number;
  slots: string[];
}

/** The optimizer's state as checkpoint metadata plus `optimizer/<slot>` tensors. */
export async function optimizerToCheckpoint(optimizer: Optimizer): Promise<{ meta: OptimizerMeta; tensors: TensorBundle }> {
  const state = await optimizer.getState();
  const tensors: TensorBundle = {};
  for (const [name, slot] of Object.entries(state.slots)) {
    tensors[`optimizer/${name}`] = { shape: slot.shape, dtype: 'float32', values: slot.values };
  }
  return { meta: { kind: state.kind, step: state.step, slots: Object.keys(state.slots) }, tensors };
}

/** Restores what {@link optimizerToCheckpoint} wrote; refuses another optimizer kind. */
export function optimizerFromCheckpoint(optimizer: Optimizer, meta: OptimizerMeta, tensors: TensorBundle): void {
  if (meta.kind !== optimizer.kind) {
    throw new Error(`checkpoint optimizer is '${meta.kind}' but this run uses '${optimizer.kind}'`);
  }
  const slots: Record<string, { shape: number[]; values: Float32Array }> = {};
  for (const name of meta.slots) {
    const stored = tensors[`optimizer/${name}`];
    if (!stored) throw new Error(`checkpoint has no optimizer slot '${name}'`);
    slots[name] = { shape: stored.shape, values: stored.values as Float32Array };
  }
  optimizer.setState({ kind: meta.kind, step: meta.step, slots });
}

/** The bundle entries under `prefix/`, with the prefix removed. */
export function bundleSection(bundle: TensorBundle, prefix: string): TensorBundle {
  const section: TensorBundle = {};
  for (const [name, tensor] of Object.entries(bundle)) {
    if (name.startsWith(`${prefix}/`)) section[name.slice(prefix.length + 1)] = tensor;
  }
  return section;
}
