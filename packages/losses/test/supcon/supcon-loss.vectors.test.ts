import { tf, loadVectors, maxRelativeError, flat, valueAndGrad, TEST_BACKENDS_WITH_WEBGPU, selectBackend } from '../setup';
import { SupConLoss } from '../../src';

interface SupConCase {
  features: number[][][];
  labels: number[] | null;
  mask: number[][] | null;
  temperature: number;
  base_temperature: number;
  contrast_mode: 'all' | 'one';
  loss: number;
  grad: number[][][];
}
interface SupConInCase {
  features: number[][][];
  labels: number[];
  temperature: number;
  loss: number;
  grad: number[][][];
}
interface PmlCase {
  embeddings: number[][];
  labels: number[];
  temperature: number;
  loss: number;
}

async function check(loss: SupConLoss, features: number[][][] | number[][], target: { labels?: number[] | null; mask?: number[][] | null }, expected: number, grad?: unknown) {
  const x = tf.tensor(features);
  const labels = target.labels ? tf.tensor1d(target.labels, 'int32') : undefined;
  const mask = target.mask ? tf.tensor2d(target.mask) : undefined;
  const result = await valueAndGrad((f) => loss.compute(f, { labels, mask }), x);
  tf.dispose([x, labels, mask]);
  expect(Math.abs(result.value - expected) / Math.max(Math.abs(expected), 1e-6)).toBeLessThan(1e-4);
  if (expected === 0) expect(Math.abs(result.value)).toBeLessThan(1e-6);
  if (grad) {
    const g = flat(grad);
    const scale = Math.max(...g.map(Math.abs));
    // relative to the largest gradient entry: tiny entries carry float32 cancellation noise.
    expect(maxRelativeError(result.grad, g, Math.max(scale, 1e-6) * 1e-2)).toBeLessThan(1e-4 * 100);
    expect(maxRelativeError(result.grad, g, Math.max(scale, 1e-6))).toBeLessThan(1e-4);
  }
}

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  const supcon = loadVectors<SupConCase>('supcon.json');
  describe(`SupConLoss L_out (${supcon.source})`, () => {
    supcon.cases.forEach((c, i) => {
      const shape = [c.features.length, c.features[0].length, c.features[0][0].length];
      const kind = c.labels ? 'labels' : c.mask ? 'mask' : 'SimCLR';
      it(`case ${i}: [${shape}] ${kind}, t=${c.temperature}, base=${c.base_temperature}, ${c.contrast_mode}`, async () => {
        const loss = new SupConLoss({ temperature: c.temperature, baseTemperature: c.base_temperature, contrastMode: c.contrast_mode });
        await check(loss, c.features, c, c.loss, c.grad);
      });
    });
  });

  const supconIn = loadVectors<SupConInCase>('supcon_in.json');
  describe(`SupConLoss L_in (${supconIn.source})`, () => {
    supconIn.cases.forEach((c, i) => {
      it(`case ${i}: t=${c.temperature}`, async () => {
        const loss = new SupConLoss({ temperature: c.temperature, baseTemperature: c.temperature, variant: 'in' });
        await check(loss, c.features, c, c.loss, c.grad);
      });
    });
  });

  const pml = loadVectors<PmlCase>('pml_supcon.json');
  describe(`SupConLoss on [N, D], noPositive 'exclude' (${pml.source})`, () => {
    pml.cases.forEach((c, i) => {
      it(`case ${i}: N=${c.embeddings.length}, t=${c.temperature}`, async () => {
        const loss = new SupConLoss({ temperature: c.temperature, baseTemperature: c.temperature, noPositive: 'exclude' });
        await check(loss, c.embeddings, c, c.loss);
      });
    });
  });
});
