import { definePlugin, parsePluginOptions, z } from '@contrastive/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { imageInputShape, positiveInt, seed } from '../util/option-schemas';
import { SeededInitializers } from '../util/seeded-initializers';

/** Supported ResNet depths. */
export const RESNET_DEPTHS = [18, 34, 50] as const;
/** The ResNet depths offered. */
export type ResNetDepth = (typeof RESNET_DEPTHS)[number];

/** Options of {@link createResNet} and the `resnet` encoder plugin. */
export const resnetSchema = z
  .object({
    inputShape: imageInputShape.describe('[H, W, C] (NHWC), any size and channel count; CIFAR: [32, 32, 3]'),
    depth: z
      .union([z.literal(18), z.literal(34), z.literal(50)])
      .default(18)
      .describe('18 and 34 use basic blocks, 50 bottleneck blocks'),
    width: positiveInt.default(64).describe('channels of the stem and first stage (64 in the paper); stages use width, 2x, 4x, 8x'),
    seed,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type ResNetOptions = z.input<typeof resnetSchema>;

interface Plan {
  block: 'basic' | 'bottleneck';
  blocks: [number, number, number, number];
}

const PLANS: Record<ResNetDepth, Plan> = {
  18: { block: 'basic', blocks: [2, 2, 2, 2] },
  34: { block: 'basic', blocks: [3, 4, 6, 3] },
  50: { block: 'bottleneck', blocks: [3, 4, 6, 3] },
};

type T = tfl.SymbolicTensor;

/** Feature width F of a ResNet: `8 * width * expansion` (512 for ResNet-18/34, 2048 for ResNet-50). */
export function resnetFeatureDim(depth: ResNetDepth, width: number): number {
  return 8 * width * (PLANS[depth].block === 'bottleneck' ? 4 : 1);
}

/**
 * ResNet-18/34/50 with the CIFAR stem used by SupContrast and SimCLR on small images: a 3x3
 * convolution with stride 1, batch norm, ReLU and no max-pool; four stages of basic (18/34) or
 * bottleneck (50) blocks with strides 1, 2, 2, 2; global average pooling. `[B, H, W, C]` -> `[B, F]`.
 * Convolutions have no bias (batch norm follows); batch norm uses PyTorch's momentum (0.1, i.e.
 * tfjs 0.9) and epsilon (1e-5). Stride-2 convolutions use tfjs `same` padding, which gives the
 * same output size as PyTorch's `padding=1` but pads bottom/right first.
 */
export function createResNet(options: ResNetOptions): tfl.LayersModel {
  const { inputShape, depth, width, seed } = parsePluginOptions(resnetSchema, options, { kind: 'encoder', id: 'resnet' });
  const plan = PLANS[depth];
  const init = new SeededInitializers(seed);

  const conv = (x: T, filters: number, kernelSize: number, strides = 1): T =>
    tfl.layers
      .conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: init.he() })
      .apply(x) as T;
  const bn = (x: T): T => tfl.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }).apply(x) as T;
  const relu = (x: T): T => tfl.layers.reLU().apply(x) as T;
  const channels = (x: T): number => x.shape[x.shape.length - 1] as number;

  const basic = (x: T, planes: number, strides: number): T => {
    let y = relu(bn(conv(x, planes, 3, strides)));
    y = bn(conv(y, planes, 3));
    const shortcut = strides !== 1 || channels(x) !== planes ? bn(conv(x, planes, 1, strides)) : x;
    return relu(tfl.layers.add().apply([y, shortcut]) as T);
  };
  const bottleneck = (x: T, planes: number, strides: number): T => {
    const out = planes * 4;
    let y = relu(bn(conv(x, planes, 1)));
    y = relu(bn(conv(y, planes, 3, strides)));
    y = bn(conv(y, out, 1));
    const shortcut = strides !== 1 || channels(x) !== out ? bn(conv(x, out, 1, strides)) : x;
    return relu(tfl.layers.add().apply([y, shortcut]) as T);
  };
  const block = plan.block === 'basic' ? basic : bottleneck;

  const input = tfl.input({ shape: inputShape });
  let x = relu(bn(conv(input, width, 3)));
  plan.blocks.forEach((count, stage) => {
    for (let i = 0; i < count; i++) x = block(x, width * 2 ** stage, i === 0 && stage > 0 ? 2 : 1);
  });
  x = tfl.layers.globalAveragePooling2d({}).apply(x) as T;
  return tfl.model({ inputs: input, outputs: x, name: `resnet${depth}` });
}

/** The `resnet` encoder plugin. */
export const resnetPlugin = definePlugin({
  kind: 'encoder',
  id: 'resnet',
  description: 'ResNet-18/34/50 with the CIFAR stem (3x3 conv stride 1, no max-pool), batch norm; F = 8 * width (x4 for 50)',
  optionsSchema: resnetSchema,
  create: createResNet,
});
