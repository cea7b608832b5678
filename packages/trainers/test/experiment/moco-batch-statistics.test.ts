import * as tf from '@tensorflow/tfjs-core';
import { buildContrastiveModel, type ContrastiveModel } from '@contrastive/encoders';
import { NTXentLoss } from '@contrastive/losses';
import { MoCo } from '@contrastive/memory';
import { fullRegistry, onCpu } from '../support/fixtures';

beforeAll(onCpu);

// MoCo's shuffled BN exists because, with batch norm in training mode, a key is computed with the
// statistics of its batch, which its query shares: the network can match query and positive key by
// those statistics instead of by content. On one device shuffling the key batch changes nothing
// (the batch statistics of a permutation are the same), so this project's equivalent is that the
// key encoder normalises with moving statistics (inference mode): a key is a function of its own
// sample only. These tests pin that down on a model that has batch norm in encoder and head.
// (The small CNN `small-cnn`, the default encoder, has no batch norm at all.)

function batchNormModel(): ContrastiveModel {
  return buildContrastiveModel(fullRegistry(), {
    encoder: { id: 'mlp', options: { widths: [16], batchNorm: true } },
    head: { id: 'mlp', options: { outputDim: 8, batchNorm: true } },
    inputShape: [6],
    seed: 1,
  });
}

/** Two batches of 4 two-view samples that share sample 0 (both views) and nothing else. */
function batchesSharingSampleZero(): [tf.Tensor, tf.Tensor] {
  const shared = tf.randomNormal([1, 2, 6], 0, 1, 'float32', 1);
  const a = tf.concat([shared, tf.randomNormal([3, 2, 6], 0, 1, 'float32', 2)], 0);
  const b = tf.concat([shared, tf.randomNormal([3, 2, 6], 3, 2, 'float32', 3)], 0);
  shared.dispose();
  return [a, b];
}

const row0 = (t: tf.Tensor) => Array.from(tf.tidy(() => tf.slice(t, [0, 0], [1, -1]).dataSync()));

describe('MoCo: no batch-statistics shortcut (the equivalent of shuffled BN on one device)', () => {
  it('with batch norm, a training-mode (query) embedding depends on the other samples of its batch', () => {
    const model = batchNormModel();
    const [a, b] = batchesSharingSampleZero();
    const queryA = tf.tidy(() => tf.squeeze(tf.slice(model.embedViews(a, true), [0, 1], [-1, 1]), [1]));
    const queryB = tf.tidy(() => tf.squeeze(tf.slice(model.embedViews(b, true), [0, 1], [-1, 1]), [1]));
    const gap = Math.max(...row0(queryA).map((v, i) => Math.abs(v - row0(queryB)[i])));
    expect(gap).toBeGreaterThan(1e-3);
    tf.dispose([a, b, queryA, queryB]);
    model.dispose();
  });

  it("MoCo's keys are computed per sample: sample 0's key is the same whatever its batch companions", () => {
    const model = batchNormModel();
    const moco = new MoCo(new NTXentLoss({ temperature: 0.2 }), { queueSize: 32, momentum: 0.9 });
    moco.attach({ model, totalSteps: 10 });
    const keyEncoder = moco.keyEncoder!;
    const keys: tf.Tensor[] = [];
    const embed = keyEncoder.embed.bind(keyEncoder);
    const spy = jest.spyOn(keyEncoder, 'embed').mockImplementation((x: tf.Tensor) => {
      const out = embed(x);
      keys.push(tf.keep(out.clone()));
      return out;
    });
    const [a, b] = batchesSharingSampleZero();
    for (const views of [a, b]) {
      tf.tidy(() => {
        const embeddings = model.embedViews(views, true);
        moco.loss({ embeddings, views }, undefined);
      });
    }
    expect(spy).toHaveBeenCalledTimes(2);
    // Called with the key view only (no training flag): ContrastiveModel.embed's inference mode.
    for (const call of spy.mock.calls) expect(call).toHaveLength(1);
    const alone = tf.tidy(() => embed(tf.squeeze(tf.slice(a, [0, 1], [1, 1]), [1])));
    row0(keys[1]).forEach((v, i) => expect(v).toBeCloseTo(row0(keys[0])[i], 6));
    row0(alone).forEach((v, i) => expect(v).toBeCloseTo(row0(keys[0])[i], 6));
    tf.dispose([a, b, alone, ...keys]);
    moco.dispose();
    model.dispose();
  });
});
