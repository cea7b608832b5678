import { tf } from './setup';
import { definePlugin, PluginRegistry } from '@contrastive/core';
import { lossesModule, type ContrastiveLoss } from '../src';

// The type-level half of this test is the typecheck (`npm run typecheck`): the lines below compile
// only while this package adds `loss: ContrastiveLoss` to core's PluginTypes.
describe("the package's PluginTypes augmentation", () => {
  it('types registry.create("loss") as a ContrastiveLoss without a cast', () => {
    const loss: ContrastiveLoss = new PluginRegistry().load(lossesModule).create('loss', 'supcon');
    const x = tf.tidy(() => {
      const r = tf.randomNormal([4, 2, 8], 0, 1, 'float32', 1);
      return tf.div(r, tf.norm(r, 'euclidean', -1, true));
    });
    const value = loss.compute(x);
    expect(value.rank).toBe(0);
    expect(loss.acceptsViews).toBe(true);
    tf.dispose([x, value]);
  });

  it('does not let a loss plugin build something that is not a loss', () => {
    const notALoss = definePlugin({
      kind: 'loss',
      id: 'not-a-loss',
      description: 'returns a string',
      // @ts-expect-error a loss plugin must build a ContrastiveLoss
      create: () => 'not a loss',
    });
    expect(notALoss.kind).toBe('loss');
  });
});
