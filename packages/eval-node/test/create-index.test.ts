import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ExactNeighbourIndex } from '@contrastive/eval';
import { HnswIndex, createNeighbourIndex } from '../src';

beforeAll(() => tf.setBackend('cpu'));

describe('createNeighbourIndex', () => {
  const points = [
    [1, 0],
    [0.9, 0.1],
    [0, 1],
    [-1, 0.05],
  ];

  it('createNeighbourIndex picks exact search below the threshold and HNSW above it', () => {
    const small = createNeighbourIndex(points, { approximateAbove: 10 });
    expect(small).toBeInstanceOf(ExactNeighbourIndex);
    small.dispose();
    expect(createNeighbourIndex(points, { approximateAbove: 3 })).toBeInstanceOf(HnswIndex);
  });
});
