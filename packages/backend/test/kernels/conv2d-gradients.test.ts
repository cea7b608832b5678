import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilter } from '../../src/kernels/conv2d-backprop-filter';
import { conv2dBackpropInput } from '../../src/kernels/conv2d-backprop-input';
import { describeComposedKernels, gradientCaseGrid, type GradientCase } from './kernel-harness';

const cases: GradientCase[] = gradientCaseGrid(
  [
    'same',
    'valid',
    [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  ],
  [1, 2, [2, 1]],
  [
    [1, 1, 3, 2],
    [3, 3, 3, 4],
    [5, 5, 3, 2],
    [3, 2, 3, 2],
  ],
  [2, 9, 8, 3],
  (x, w, strides, pad) => tf.conv2d(x, w, strides, pad),
);
// A 'valid' geometry whose last input rows are never read (their gradient must be 0).
cases.push({
  name: 'valid padding with unread trailing rows',
  xShape: [3, 10, 11, 2],
  wShape: [3, 3, 2, 5],
  loss: (x, w) => tf.sum(tf.square(tf.conv2d(x, w, 3, 'valid'))),
});

describeComposedKernels(
  'composed Conv2D gradients match the cpu built-ins on cpu and wasm',
  [
    ['Conv2DBackpropFilter', conv2dBackpropFilter as tf.KernelFunc],
    ['Conv2DBackpropInput', conv2dBackpropInput as tf.KernelFunc],
  ],
  cases,
);
