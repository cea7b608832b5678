import * as tf from '@tensorflow/tfjs-core';
import { assertSynchronousReads, isGpuBackend } from '@contrastive/core';

/** Throws unless `value` is a tfjs tensor. */
export function assertTensor(value: unknown, name: string, who: string): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new Error(`${who}: ${name} must be a tf.Tensor, got ${got}`);
  }
  if (value.isDisposed) throw new Error(`${who}: ${name} is disposed`);
}

/** Throws unless `x` is a float tensor of rank `rank`; `hint` explains what to pass instead. */
export function assertFloatRank(x: unknown, rank: number, layout: string, name: string, who: string, hint = ''): tf.Tensor {
  assertTensor(x, name, who);
  if (x.rank !== rank) {
    throw new Error(`${who}: ${name} must have rank ${rank} (${layout}), got shape [${x.shape.join(', ')}]${hint}`);
  }
  if (x.dtype !== 'float32') throw new Error(`${who}: ${name} must have dtype float32, got ${x.dtype}`);
  if (x.shape.some((s) => s === 0)) throw new Error(`${who}: ${name} must not be empty, got shape [${x.shape.join(', ')}]`);
  return x;
}

/** Throws unless `labels` is a rank-1 int32/float32 tensor of length `count`. */
export function assertLabels(labels: unknown, count: number, name: string, who: string): tf.Tensor1D {
  assertTensor(labels, name, who);
  if (labels.rank !== 1) throw new Error(`${who}: ${name} must be a 1-D tensor [${count}], got shape [${labels.shape.join(', ')}]`);
  if (labels.dtype !== 'int32' && labels.dtype !== 'float32') {
    throw new Error(`${who}: ${name} must have dtype int32 (integer class ids), got ${labels.dtype}`);
  }
  if (labels.shape[0] !== count) {
    throw new Error(`${who}: ${name} has ${labels.shape[0]} entries but the batch has ${count} (expected shape [${count}])`);
  }
  return labels as tf.Tensor1D;
}

/** Throws unless `mask` is a float/int/bool `[b, b]` tensor. */
export function assertMask(mask: unknown, b: number, name: string, who: string): tf.Tensor2D {
  assertTensor(mask, name, who);
  if (mask.rank !== 2 || mask.shape[0] !== b || mask.shape[1] !== b) {
    throw new Error(`${who}: ${name} must have shape [${b}, ${b}] (batch x batch), got [${mask.shape.join(', ')}]`);
  }
  if (mask.dtype === 'string' || mask.dtype === 'complex64') throw new Error(`${who}: ${name} must be numeric, got dtype ${mask.dtype}`);
  return mask as tf.Tensor2D;
}

/** One value check to run: the tensor, its name and what it must satisfy. */
export interface ValueCheck {
  tensor: tf.Tensor;
  name: string;
  /** `class-index`: integers in `[0, classes)`. */
  kind: 'finite' | 'integer' | 'unit-interval' | 'class-index';
  /** The number of classes of a `class-index` check. */
  classes?: number;
}

/** What {@link checkValues} hands back: applied to the loss it computed. */
export type LossGuard = (loss: tf.Scalar) => tf.Scalar;

const unguarded: LossGuard = (loss) => loss;

/** One flag per check (1 = satisfied), computed on the device. */
function valueFlags(checks: ValueCheck[]): tf.Tensor1D {
  return tf.tidy(() =>
    tf.stack(
      checks.map(({ tensor, kind, classes }) => {
        const x = tensor.dtype === 'float32' ? tensor : tf.cast(tensor, 'float32');
        const finite = tf.all(tf.isFinite(x));
        if (kind === 'finite') return tf.cast(finite, 'float32');
        const integer = tf.logicalAnd(finite, tf.all(tf.equal(x, tf.round(x))));
        if (kind === 'integer') return tf.cast(integer, 'float32');
        if (kind === 'class-index') {
          const inRange = tf.logicalAnd(tf.all(tf.greaterEqual(x, 0)), tf.all(tf.less(x, classes ?? 0)));
          return tf.cast(tf.logicalAnd(integer, inRange), 'float32');
        }
        return tf.cast(tf.logicalAnd(tf.all(tf.greaterEqual(x, 0)), tf.all(tf.lessEqual(x, 1))), 'float32');
      }),
    ),
  ) as tf.Tensor1D;
}

/**
 * Checks tensor values (finite embeddings, integer labels, masks in [0, 1]) with one reduction
 * per check and a single small read-back for all of them; throws naming the first failing input.
 * This is the only host sync of a loss call; `validate: false` skips it. A synchronous read is
 * what GPU backends cannot serve, so there it refuses with a clear error: every loss checks
 * through {@link lossGuard}, which calls this only on CPU backends.
 */
export function checkValues(checks: ValueCheck[], who: string): void {
  if (checks.length === 0) return;
  assertSynchronousReads(tf.getBackend(), who, 'check through lossGuard there, which reads nothing');
  const flags = valueFlags(checks);
  const ok = flags.dataSync();
  flags.dispose();
  checks.forEach(({ name, kind, classes }, i) => {
    if (ok[i] !== 1) {
      if (kind === 'class-index') throw new Error(`${who}: ${name} must be class ids in [0, ${classes}) (numClasses = ${classes})`);
      const expected = kind === 'finite' ? 'finite values (no NaN or Infinity)' : kind === 'integer' ? 'integer class ids' : 'values in [0, 1]';
      throw new Error(`${who}: ${name} must contain ${expected}; it does not`);
    }
  });
}

/**
 * {@link checkValues} for a loss that also runs on GPU backends; returns what to apply to the loss
 * it computes. On CPU backends the checks read back and throw at the call (the guard is the
 * identity). On GPU backends (webgpu, webgl) nothing is read: the guard turns the loss into NaN
 * when a check fails, which the training loop reports when it reads the loss.
 */
export function lossGuard(validate: boolean, checks: ValueCheck[], who: string): LossGuard {
  if (!validate || checks.length === 0) return unguarded;
  if (isGpuBackend(tf.getBackend())) {
    // A custom op, so the checks' reductions stay off the gradient tape (they have no gradient);
    // the loss's gradient passes through unchanged.
    return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
      value: tf.where(tf.equal(tf.min(valueFlags(checks)), 1), args[0] as tf.Tensor, tf.scalar(Number.NaN)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor) => [dy],
    })) as LossGuard;
  }
  checkValues(checks, who);
  return unguarded;
}
