/**
 * The main job's configuration: SupCon pre-training of the reference recipe's small CNN
 * (`small-cnn`, as in tools/bench/pytorch/seed_recipe.py) on the embedded
 * Fashion-MNIST subset (no download), sized to finish in minutes on two CPU cores with the
 * wasm backend. `docs/examples/supcon-fashion-mnist.json` is the same config as a file.
 */
export const DEFAULT_CONFIG = {
  name: 'supcon-fashion-mnist',
  seed: 0,
  backend: 'auto',
  dataset: { id: 'fashion-mnist-embedded', options: {} },
  encoder: { id: 'small-cnn', options: {} },
  head: { id: 'mlp', options: { outputDim: 128 } },
  augment: { id: 'mnist', options: {} },
  strategy: { id: 'in-batch', options: {} },
  loss: { id: 'supcon', options: { temperature: 0.1, baseTemperature: 0.1 } },
  optimizer: { id: 'sgd', options: { momentum: 0.9, weightDecay: 1e-4 } },
  schedule: {
    id: 'warmup-cosine',
    options: { learningRate: 0.1, warmupEpochs: 0.5, warmupFrom: 0.01, minLearningRate: 0.001 },
  },
  trainer: { id: 'contrastive', options: { supervised: true } },
  pretrain: { epochs: 6, batchSize: 256, views: 2 },
  probe: { epochs: 100, batchSize: 256, learningRate: 0.01 },
  output: { dir: 'runs/supcon-fashion-mnist' },
} as const;
