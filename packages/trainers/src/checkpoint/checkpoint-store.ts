import type { RunIdentity } from './run-identity';
import type { TensorBundle } from './tensor-bundle';

/** Everything needed to resume: JSON metadata (step, epoch, RNG and strategy state...) and tensors. */
export interface Checkpoint {
  /** JSON part: step, history, RNG and optimizer/strategy metadata. */
  meta: Record<string, unknown>;
  /** Named tensors: model weights, optimizer slots, strategy memory. */
  tensors: TensorBundle;
}

/**
 * Where checkpoints go. Implementations must be atomic: a crash during `save` leaves the
 * previous checkpoint loadable. `@contrastive/trainers/node` provides a directory store.
 */
export interface CheckpointStore {
  /** Stores a checkpoint as the latest. */
  save(checkpoint: Checkpoint): Promise<void>;
  /** The latest intact checkpoint, or undefined when there is none. */
  loadLatest(): Promise<Checkpoint | undefined>;
}

/** How a trainer checkpoints: where, how often, and what a resumed run must match. */
export interface CheckpointOptions {
  /** Where checkpoints go. */
  store: CheckpointStore;
  /** Save every this many steps; default once per epoch (and always when a run is stopped). */
  everySteps?: number;
  /**
   * Written into each checkpoint; resuming with a different identity (another architecture,
   * optimizer, loss, dataset...) is refused with a `ConfigError` naming what changed.
   */
  identity?: RunIdentity;
  /**
   * Reads a saved identity before it is compared, so a checkpoint written under a name that has
   * since changed (a renamed plugin id kept as an alias) still resumes. Default: as saved.
   */
  readSavedIdentity?: (saved: RunIdentity) => RunIdentity;
}

/** In-memory store (browser, tests): keeps deep copies so later mutation cannot corrupt a save. */
export class MemoryCheckpointStore implements CheckpointStore {
  private latest: Checkpoint | undefined;

  async save(checkpoint: Checkpoint): Promise<void> {
    this.latest = copyCheckpoint(checkpoint);
  }

  async loadLatest(): Promise<Checkpoint | undefined> {
    return this.latest ? copyCheckpoint(this.latest) : undefined;
  }
}

function copyCheckpoint(checkpoint: Checkpoint): Checkpoint {
  const tensors: TensorBundle = {};
  for (const [name, tensor] of Object.entries(checkpoint.tensors)) {
    tensors[name] = { ...tensor, shape: [...tensor.shape], values: tensor.values.slice() };
  }
  return { meta: JSON.parse(JSON.stringify(checkpoint.meta)), tensors };
}
