import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, formatZodIssues, z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';


/** Parses constructor options with the same zod schema the plugin uses; errors name the bad field. */
export function parseOptions<S extends z.ZodType>(schema: S, options: unknown, owner: string): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (!result.success) {
    const lines = formatZodIssues(result.error, owner);
    throw new ConfigError(`invalid options for ${owner}:\n  ${lines.join('\n  ')}`, lines[0]?.split(':')[0]);
  }
  return result.data;
}

function describe(value: unknown): string {
  if (value instanceof tf.Tensor) return `${value.dtype} tensor of shape [${value.shape.join(', ')}]`;
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

/** Throws unless `value` is a live float32 tensor of at least `minRank` (or exactly `rank`) dimensions. */
export function assertBatch(
  value: unknown,
  owner: string,
  expectation: { rank?: number; minRank?: number; layout: string },
  argument = 'batch',
): asserts value is tf.Tensor {
  const expected = `a float32 tensor ${expectation.layout}`;
  if (!(value instanceof tf.Tensor)) {
    throw new TypeError(`${owner}.apply: argument '${argument}' must be ${expected}; got ${describe(value)}`);
  }
  if (value.isDisposed) throw new Error(`${owner}.apply: argument '${argument}' is a disposed tensor`);
  const rankOk =
    expectation.rank !== undefined ? value.rank === expectation.rank : value.rank >= (expectation.minRank ?? 1);
  if (!rankOk) {
    throw new RangeError(
      `${owner}.apply: argument '${argument}' must be ${expected}; got rank ${value.rank} shape [${value.shape.join(', ')}]`,
    );
  }
  if (value.dtype !== 'float32') {
    throw new TypeError(`${owner}.apply: argument '${argument}' must be ${expected}; got dtype ${value.dtype}`);
  }
  if (value.shape.some((d: number) => d === 0)) {
    throw new RangeError(`${owner}.apply: argument '${argument}' must not be empty; got shape [${value.shape.join(', ')}]`);
  }
}

/** NHWC image batch: rank 4, float32, values expected in [0, 1]. */
export function assertImageBatch(value: unknown, owner: string): asserts value is tf.Tensor4D {
  assertBatch(value, owner, { rank: 4, layout: 'of images [B, H, W, C] (NHWC, values in [0, 1])' });
}

/** Vector/tabular batch: rank >= 2, `[B, ...features]`. */
export function assertFeatureBatch(value: unknown, owner: string): asserts value is tf.Tensor {
  assertBatch(value, owner, { minRank: 2, layout: 'of rows [B, ...features]' });
}

/** Throws unless `value` looks like an Augmentation; `what` names it (`MultiView: argument 'pipeline'`). */
export function assertAugmentation(value: unknown, what: string): asserts value is Augmentation {
  if (!value || typeof (value as Augmentation).apply !== 'function') {
    throw new TypeError(`${what} must be an Augmentation (an object with apply(batch, rng))`);
  }
}

/** Throws unless `rng` looks like a SeededRandom. */
export function assertRng(rng: unknown, owner: string): asserts rng is SeededRandom {
  if (!rng || typeof (rng as SeededRandom).next !== 'function' || typeof (rng as SeededRandom).nextSeed !== 'function') {
    throw new TypeError(`${owner}.apply: argument 'rng' must be a SeededRandom from @contrastive/core; got ${describe(rng)}`);
  }
}
