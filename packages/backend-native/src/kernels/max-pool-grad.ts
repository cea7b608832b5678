import * as tf from '@tensorflow/tfjs-core';
import { allFloat32, heapFloat32, makeFloat32Output } from '../wasm-heap';
import { maxPoolGradGeometry } from '@contrastive/backend';
import { passTo, type KernelArgs, type NativeKernelFactory } from './native-kernel';

/** `MaxPoolGrad` for any window, stride and padding, one pass over the input, threads over the batch. */
export const nativeMaxPoolGrad: NativeKernelFactory = (binding) => ({
  kernelName: 'MaxPoolGrad',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
      if (!allFloat32(dy, input) || input.shape.length !== 4) return passTo(original, args);
      const geometry = Int32Array.from(maxPoolGradGeometry(input.shape, args.attrs));
      const dx = makeFloat32Output(args.backend, input.shape);
      const heap = (t: tf.TensorInfo) => heapFloat32(args.backend, t);
      binding.maxPoolGrad(geometry, heap(dy), heap(input), heap(dx));
      return dx;
    }) as tf.KernelFunc,
});
