import type { PluginRef, PluginRegistry } from '@contrastive/core';
import { ContrastiveModel } from './contrastive-model';

/** What {@link buildContrastiveModel} assembles. */
export interface BuildModelOptions {
  /** Encoder plugin id and options (without `inputShape`, which is given below). */
  encoder: PluginRef | string;
  /** Head plugin id and options (without `inputDim`, taken from the encoder). Default `{ id: 'mlp' }`. */
  head?: PluginRef | string;
  /** Per-example input shape, e.g. a dataset split's `exampleShape`. */
  inputShape: number[];
  /** Seed for both parts unless their options set one (the head gets `${seed}/head`). */
  seed?: number;
}

function toRef(ref: PluginRef | string): { id: string; options: Record<string, unknown> } {
  return typeof ref === 'string' ? { id: ref, options: {} } : { id: ref.id, options: { ...(ref.options ?? {}) } };
}

/**
 * Builds encoder and head from the registry (plugins of kinds `encoder` and `head`) and joins
 * them; option errors are the registry's `ConfigError`s naming the bad field. The recorded
 * manifest holds the options as given plus `inputShape`/`inputDim`/`seed`.
 */
export function buildContrastiveModel(registry: PluginRegistry, options: BuildModelOptions): ContrastiveModel {
  const enc = toRef(options.encoder);
  const hd = toRef(options.head ?? 'mlp');
  const seed = options.seed ?? 0;
  const encoderOptions = { seed, ...enc.options, inputShape: options.inputShape };
  const encoder = registry.create('encoder', { id: enc.id, options: encoderOptions }, 'encoder');
  try {
    const inputDim = encoder.outputs[0].shape[1] as number;
    const headOptions = { seed: `${seed}/head`, ...hd.options, inputDim };
    const head = registry.create('head', { id: hd.id, options: headOptions }, 'head');
    return new ContrastiveModel(encoder, head, {
      encoder: { id: enc.id, options: encoderOptions },
      head: { id: hd.id, options: headOptions },
    });
  } catch (error) {
    encoder.dispose();
    throw error;
  }
}
