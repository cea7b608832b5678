import * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { maxPoolGradGeometry, nonEmptyFloat32 } from '../geometry';
import { passTo, type KernelArgs } from '../../kernels/kernel-args';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';

/** `MaxPoolGrad` for any window, stride and padding, four channels at a time, images across threads, on the SIMD kernels. */
export const simdMaxPoolGradKernel: TrainingKernel = {
  kernelName: 'MaxPoolGrad',
  backends: ['wasm'],
  wrap: (original) =>
    ((args: KernelArgs) => {
      const { dy, input } = args.inputs;
      const simd = simdModuleOf(args.backend);
      if (!simd || !dy || !input || input.shape.length !== 4 || !nonEmptyFloat32(dy, input)) {
        return passTo(original, args);
      }
      const layout = maxPoolGradGeometry(input.shape, args.attrs);
      const dx = makeFloat32Output(args.backend, input.shape);
      const at = (t: tf.TensorInfo) => heapAddress(args.backend, t);
      const g = simd.geometry(layout);
      const [dyAt, xAt, dxAt] = [at(dy), at(input), at(dx)];
      simd.parallel(layout[0], (begin, end) => ['max_pool_grad', g, dyAt, xAt, dxAt, begin, end]);
      return dx;
    }) as tf.KernelFunc,
};
