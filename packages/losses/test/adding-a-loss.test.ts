import { tf } from './setup';
import { classPlugin, ConfigError, PluginRegistry, withOptions, z } from '@contrastive/core';
import type { ContrastiveLoss } from '../src';

// The example of docs/losses.md ("Adding a loss"), written exactly as the doc shows it.
const alignmentOptionsSchema = z.object({ scale: z.number().positive().default(1) }).strict();

class AlignmentLoss
  extends withOptions(alignmentOptionsSchema, { kind: 'loss', id: 'alignment' })
  implements ContrastiveLoss
{
  readonly acceptsViews = true; // the in-batch strategy passes [N, V, D] as it is

  compute(features: tf.Tensor): tf.Scalar {
    return tf.tidy(() => {
      const [a, b] = tf.unstack(features, 1);
      return tf.mul(tf.mean(tf.sum(tf.squaredDifference(a, b), 1)), this.scale) as tf.Scalar;
    });
  }
}

const alignmentPlugin = classPlugin('loss', 'alignment', alignmentOptionsSchema, AlignmentLoss, {
  description: 'mean squared distance between the two views of each sample',
});

describe('adding a loss as docs/losses.md shows', () => {
  const registry = new PluginRegistry().register(alignmentPlugin);

  it('a config builds it with its options and defaults', () => {
    const loss: ContrastiveLoss = registry.create('loss', { id: 'alignment', options: { scale: 2 } });
    expect(loss).toBeInstanceOf(AlignmentLoss);
    expect((loss as AlignmentLoss).scale).toBe(2);
    expect(new AlignmentLoss().scale).toBe(1);
    expect(loss.acceptsViews).toBe(true);
    // views [[0, 0], [3, 4]] of one sample: squared distance 25, times scale 2
    const features = tf.tensor3d([[[0, 0], [3, 4]]]);
    const before = tf.memory().numTensors;
    const value = loss.compute(features);
    expect(value.dataSync()[0]).toBeCloseTo(50, 5);
    value.dispose();
    expect(tf.memory().numTensors).toBe(before);
    features.dispose();
  });

  it('the class and a config reject bad options with the same error', () => {
    let direct: unknown;
    let viaConfig: unknown;
    try {
      new AlignmentLoss({ scale: -1 });
    } catch (error) {
      direct = error;
    }
    try {
      registry.create('loss', { id: 'alignment', options: { scale: -1 } });
    } catch (error) {
      viaConfig = error;
    }
    expect(direct).toBeInstanceOf(ConfigError);
    expect((direct as Error).message).toBe((viaConfig as Error).message);
    expect((direct as Error).message).toMatch(/loss\.options\.scale/);
  });
});
