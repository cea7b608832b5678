import * as tf from '@tensorflow/tfjs-core';

/** Per-variable optimizer state (momentum buffers, Adam moments) as plain arrays, for checkpoints. */
export interface OptimizerState {
  /** The optimizer plugin id that saved it; restoring into another kind is refused. */
  readonly kind: string;
  /** Steps applied so far (Adam's bias correction depends on it). */
  readonly step: number;
  /** Slot tensors by `<variable position>/<slot name>`. */
  readonly slots: Record<string, { shape: number[]; values: Float32Array }>;
}

/**
 * The one optimizer contract: apply gradients (keyed by variable name, as `tf.variableGrads`
 * returns them) at a learning rate the trainer's schedule chooses each step. Slot tensors are
 * allocated once and keyed by the variable's position in `variables`, not its name: tfjs-layers
 * names carry process-wide counters, so a model rebuilt to resume has new names, same order.
 */
export interface Optimizer {
  /** The plugin id (`sgd`, `adam`, `lars`), recorded in checkpoints. */
  readonly kind: string;
  /** Updates `variables` in place from `grads` at `learningRate`; slots are created on the first call. */
  applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void;
  /** The slots and step counter for a checkpoint (reads tensors back, hence async). */
  getState(): Promise<OptimizerState>;
  /** Restores a checkpoint's state before the first step of a resumed run. */
  setState(state: OptimizerState): void;
  /** Frees the slot tensors. */
  dispose(): void;
}

/** Weight decay and LARS adaptation skip biases and normalisation parameters (SimCLR's convention). */
export function isBiasOrNorm(variable: tf.Variable): boolean {
  const name = variable.name.toLowerCase();
  return variable.rank <= 1 || /bias|beta|gamma|batch_norm|batchnorm/.test(name);
}

/** Holds named slot variables (zeros on first use) and (de)serialises them. */
export class SlotStore {
  private readonly slots = new Map<string, tf.Variable>();

  get(key: string, like: tf.Tensor): tf.Variable {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = tf.tidy(() => tf.variable(tf.zerosLike(like), false));
      this.slots.set(key, slot);
    }
    return slot;
  }

  async serialise(): Promise<OptimizerState['slots']> {
    const out: OptimizerState['slots'] = {};
    for (const [key, slot] of this.slots) {
      out[key] = { shape: slot.shape.slice(), values: (await slot.data()) as Float32Array };
    }
    return out;
  }

  restore(slots: OptimizerState['slots']): void {
    this.dispose();
    for (const [key, { shape, values }] of Object.entries(slots)) {
      this.slots.set(key, tf.variable(tf.tensor(values, shape), false));
    }
  }

  dispose(): void {
    for (const slot of this.slots.values()) slot.dispose();
    this.slots.clear();
  }
}

/** Looks up each variable's gradient by name and fails clearly if one is missing. */
export function gradientFor(grads: tf.NamedTensorMap, variable: tf.Variable): tf.Tensor | undefined {
  return grads[variable.name];
}

/**
 * The state handling every optimizer here shares: slot variables (momentum buffers, moments)
 * and a step counter, saved and restored for checkpoints and freed on dispose.
 */
export abstract class SlottedOptimizer implements Optimizer {
  /** The plugin id, recorded in checkpoints. */
  abstract readonly kind: string;
  /** Slot tensors (momentum buffers, moments) by variable position. */
  protected readonly slots = new SlotStore();
  /** Steps applied so far. */
  protected step = 0;

  /** Updates `variables` in place from `grads` at `learningRate`. */
  abstract applyGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, learningRate: number): void;

  /** The slots and step counter for a checkpoint. */
  async getState(): Promise<OptimizerState> {
    return { kind: this.kind, step: this.step, slots: await this.slots.serialise() };
  }

  /** Restores a checkpoint's slots and step counter. */
  setState(state: OptimizerState): void {
    this.step = state.step;
    this.slots.restore(state.slots);
  }

  /** Frees the slot tensors. */
  dispose(): void {
    this.slots.dispose();
  }
}
