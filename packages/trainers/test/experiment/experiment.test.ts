import * as tf from '@tensorflow/tfjs-core';
import { definePlugin, z } from '@contrastive/core';
import type { ContrastiveLoss } from '@contrastive/losses';
import { defaultModelBuilder, Experiment } from '../../src';
import { expectSameCurve, straightAndResumed } from '../paradigms/paradigm-fixtures';
import { blobDataset, fullRegistry, onCpu, STRATEGIES, tinyConfig } from '../support/fixtures';

beforeAll(onCpu);

describe('Experiment: strategies swapped by config only', () => {
  it.each(STRATEGIES.map((s) => [s.id, s] as const))(
    '%s: a resumed run repeats the uninterrupted loss curve exactly',
    async (_id, strategy) => {
      const { straight, resumed } = await straightAndResumed(tinyConfig(strategy), blobDataset());
      expectSameCurve(resumed, straight);
      expect(resumed.epochLoss.map((v) => v.toFixed(5))).toEqual(straight.epochLoss.map((v) => v.toFixed(5)));
    },
  );

  it.each(STRATEGIES.map((s) => [s.id, s] as const))(
    '%s: tensor count stays flat over 500 steps',
    async (_id, strategy) => {
      const config = tinyConfig(strategy, { pretrain: { epochs: 63, batchSize: 16, views: 2 } });
      const experiment = new Experiment(config, fullRegistry(), blobDataset(), defaultModelBuilder);
      const model = experiment.buildModel();
      const counts: number[] = [];
      const history = await experiment.pretrain(model, {
        callbacks: [
          { onStepEnd: ({ step }) => void (step % 100 === 50 && counts.push(tf.memory().numTensors)) },
        ],
      });
      expect(history.loss.length).toBeGreaterThanOrEqual(500);
      expect(new Set(counts).size).toBe(1);
      model.dispose();
    },
  );

  it('trains with a user-defined loss registered as a plugin and picked by id', async () => {
    const registry = fullRegistry();
    let calls = 0;
    // Pulls each anchor's views together: 1 - mean cosine between view 0 and view 1.
    class ViewAgreementLoss implements ContrastiveLoss {
      compute(embeddings: tf.Tensor): tf.Scalar {
        calls += 1;
        return tf.tidy(() => {
          const [a, b] = tf.unstack(embeddings, 1);
          return tf.sub(1, tf.mean(tf.sum(tf.mul(a, b), 1))) as tf.Scalar;
        });
      }
    }
    registry.register(
      definePlugin({
        kind: 'loss',
        id: 'view-agreement',
        description: 'user plugin',
        optionsSchema: z.object({}).strict(),
        create: () => new ViewAgreementLoss(),
      }),
    );
    // layout 'views' hands the loss [B, V, D] (a loss without `acceptsViews` gets [V·B, D] by default).
    const config = tinyConfig(
      { id: 'in-batch', options: { layout: 'views' } },
      { loss: { id: 'view-agreement' } },
    );
    const experiment = new Experiment(config, registry, blobDataset(), defaultModelBuilder);
    const model = experiment.buildModel();
    const history = await experiment.pretrain(model);
    model.dispose();
    expect(calls).toBe(history.loss.length);
    expect(history.loss[history.loss.length - 1]).toBeLessThan(history.loss[0]);
  });
});
