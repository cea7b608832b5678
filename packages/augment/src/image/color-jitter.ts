import * as tf from '@tensorflow/tfjs-core';
import { z, type SeededRandom } from '@contrastive/core';
import type { Augmentation } from '../augmentation';
import { assertImageBatch, assertRng, parseOptions } from '../internal/validation';
import { applyColorTransform } from './apply-color-transform';
import {
  add,
  grayWeights,
  hueMatrix,
  identity,
  multiply,
  saturationMatrix,
  scale,
  type Matrix,
} from './color-matrices';
import { defineAugmentation } from '../internal/define-augmentation';

const factorSpec = z.union([
  z.number().nonnegative(),
  z
    .tuple([z.number().nonnegative(), z.number().nonnegative()])
    .refine(([low, high]) => low <= high, { message: 'range must be [low, high] with low <= high' }),
]);
const hueSpec = z.union([
  z.number().min(0).max(0.5),
  z
    .tuple([z.number().min(-0.5).max(0.5), z.number().min(-0.5).max(0.5)])
    .refine(([low, high]) => low <= high, { message: 'range must be [low, high] with low <= high' }),
]);

/** Options of the class below, the single source of their defaults and validation. */
export const colorJitterOptionsSchema = z
  .object({
    brightness: factorSpec.default(0).describe('x: factor drawn from [max(0, 1 - x), 1 + x]; or an explicit range'),
    contrast: factorSpec.default(0).describe('x: factor drawn from [max(0, 1 - x), 1 + x]; or an explicit range'),
    saturation: factorSpec.default(0).describe('x: factor drawn from [max(0, 1 - x), 1 + x]; or an explicit range'),
    hue: hueSpec.default(0).describe('x <= 0.5: hue shift drawn from [-x, x] turns; or an explicit range'),
    p: z.number().min(0).max(1).default(1).describe('probability that an image is jittered'),
    clamp: z
      .enum(['once', 'each'])
      .default('once')
      .describe("'once': one fused pass, clamp at the end; 'each': clamp after every operation as torchvision (4 passes)"),
  })
  .strict();
/** What the constructor and a config accept: the schema's input, defaults optional. */
export type ColorJitterOptions = z.input<typeof colorJitterOptionsSchema>;

type Op = 'brightness' | 'contrast' | 'saturation' | 'hue';

function factorRange(spec: number | [number, number], center: number): [number, number] | undefined {
  if (Array.isArray(spec)) return spec[0] === center && spec[1] === center ? undefined : spec;
  if (spec === 0) return undefined;
  return center === 0 ? [-spec, spec] : [Math.max(0, center - spec), center + spec];
}

/**
 * torchvision's `ColorJitter` on a batch: each image (with probability `p`) gets its own brightness, contrast,
 * saturation and hue factors, applied in its own random order, exactly like torchvision draws them per image.
 *
 * Implementation: every one of the four operations is an affine map of a pixel's colour (brightness: `b x`;
 * contrast: `c x + (1 - c) mean_gray`; saturation: blend with gray; hue: a rotation in YIQ space, see
 * {@link hueMatrix}), so each image's chain collapses to ONE C x C matrix plus a mean-dependent offset and the
 * whole batch is a single batched matMul. Deviation from torchvision: the result is clamped to [0, 1] once at
 * the end, not after every operation (`clamp: 'each'` clamps after every operation, exactly like torchvision, at
 * the price of four passes: in pass k every image applies the k-th operation of its own order), and hue is a YIQ
 * rotation rather than an HSV shift.
 *
 * Channels: C = 3 is treated as RGB (all four operations). Any other C (grayscale C = 1, or unknown
 * layouts) gets brightness and contrast only, the contrast mean being the mean over channels.
 */
export class ColorJitter implements Augmentation {
  readonly name = 'ColorJitter';
  /** The parsed options, defaults filled in. */
  readonly options: z.output<typeof colorJitterOptionsSchema>;
  private readonly ranges: Partial<Record<Op, [number, number]>>;

  constructor(options: ColorJitterOptions = {}) {
    this.options = parseOptions(colorJitterOptionsSchema, options, this.name);
    const { brightness, contrast, saturation, hue } = this.options;
    this.ranges = {
      brightness: factorRange(brightness, 1),
      contrast: factorRange(contrast, 1),
      saturation: factorRange(saturation, 1),
      hue: factorRange(hue, 0),
    };
  }

  apply(batch: tf.Tensor, rng: SeededRandom): tf.Tensor {
    assertImageBatch(batch, this.name);
    assertRng(rng, this.name);
    const [count, , , channels] = batch.shape;
    const colour = channels === 3;
    const ops = (['brightness', 'contrast', 'saturation', 'hue'] as const).filter(
      (op) => this.ranges[op] && (colour || op === 'brightness' || op === 'contrast'),
    );
    const plans: Array<{ order: Op[]; factors: Record<Op, number> } | undefined> = [];
    for (let b = 0; b < count; b++) {
      const selected = rng.next() < this.options.p;
      if (!selected || ops.length === 0) {
        plans.push(undefined);
        continue;
      }
      const order = rng.permutation(ops.length).map((i) => ops[i]);
      const factors = Object.fromEntries(
        ops.map((op) => [op, rng.uniform(this.ranges[op]![0], this.ranges[op]![1])]),
      ) as Record<Op, number>;
      plans.push({ order, factors });
    }
    if (!plans.some(Boolean)) return tf.tidy(() => tf.clone(batch));
    const passes =
      this.options.clamp === 'once'
        ? [plans.map((plan) => (plan ? this.chain(plan.order, plan.factors, channels) : undefined))]
        : ops.map((_, k) =>
            plans.map((plan) => (plan ? this.chain([plan.order[k]], plan.factors, channels) : undefined)),
          );
    return tf.tidy(() =>
      passes.reduce<tf.Tensor4D>((x, pass) => {
        const linear = pass.map((m) => m?.[0] ?? identity(channels));
        const offsets = pass.map((m) => m?.[1] ?? new Float64Array(channels * channels));
        const anyOffset = offsets.some((e) => e.some((v) => v !== 0));
        return applyColorTransform(x, linear, anyOffset ? offsets : undefined);
      }, batch),
    );
  }

  /** Composes the chain into `(A, E)` with `y = A x + E mean(x)`. */
  private chain(order: Op[], factors: Record<Op, number>, n: number): [Matrix, Matrix] {
    let a = identity(n);
    let e: Matrix = new Float64Array(n * n);
    const w = grayWeights(n);
    for (const op of order) {
      const f = factors[op];
      if (op === 'brightness') {
        a = scale(a, f);
        e = scale(e, f);
      } else if (op === 'contrast') {
        // mean gray of the current image = w . (A + E) mean(x): a row vector m, broadcast to every channel.
        const sum = add(a, e);
        const m = Array.from({ length: n }, (_, j) => w.reduce((acc, wi, i) => acc + wi * sum[i * n + j], 0));
        const shift = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) shift[i * n + j] = (1 - f) * m[j];
        a = scale(a, f);
        e = add(scale(e, f), shift);
      } else {
        const m = op === 'saturation' ? saturationMatrix(f, n) : hueMatrix(f);
        a = multiply(m, a, n);
        e = multiply(m, e, n);
      }
    }
    return [a, e];
  }
}

/** The `color-jitter` augmentation plugin. */
export const colorJitterPlugin = defineAugmentation(
  'color-jitter', 'brightness/contrast/saturation/hue jitter in random order, probability p', colorJitterOptionsSchema, (o) => new ColorJitter(o),
);
