import type * as tf from '@tensorflow/tfjs-core';
import { FUSED_SUPCON_ROWS, type FusedSupConRowsAttrs, type FusedSupConRowsInputs } from '@contrastive/losses';
import { heapFloat32, heapInt32, makeFloat32Output } from '../wasm-heap';
import type { KernelArgs, NativeKernelFactory } from './native-kernel';

/**
 * @contrastive/losses' fused SupCon kernel on wasm, in C++. The contract (name, inputs, attrs,
 * outputs) is the losses package's (`FUSED_SUPCON_ROWS`), whose composed path is the reference.
 */
export const nativeFusedSupConRows: NativeKernelFactory = (binding) => ({
  kernelName: FUSED_SUPCON_ROWS,
  backends: ['wasm'],
  kernelFunc: ((args: KernelArgs) => {
    const { logits, positive, anchorLabels, contrastLabels, selfIndex } = args.inputs as Partial<FusedSupConRowsInputs<tf.TensorInfo>>;
    const { variant, noPositive, scale, maskOffset } = args.attrs as unknown as FusedSupConRowsAttrs;
    if (!logits || logits.shape.length !== 2 || logits.dtype !== 'float32') {
      throw new Error(`${FUSED_SUPCON_ROWS}: logits must be float32 [Na, Nc]`);
    }
    const [rows, cols] = logits.shape;
    const loss = makeFloat32Output(args.backend, []);
    const gradient = makeFloat32Output(args.backend, [rows, cols]);
    const floats = (t: tf.TensorInfo | undefined) => (t ? heapFloat32(args.backend, t) : null);
    const ints = (t: tf.TensorInfo | undefined) => (t ? heapInt32(args.backend, t) : null);
    binding.supConRows(
      Int32Array.from([rows, cols, Number(variant === 'in'), Number(noPositive === 'exclude')]),
      Float32Array.from([scale, maskOffset]),
      heapFloat32(args.backend, logits),
      floats(positive),
      ints(anchorLabels),
      ints(contrastLabels),
      ints(selfIndex),
      heapFloat32(args.backend, loss),
      heapFloat32(args.backend, gradient),
    );
    return [loss, gradient];
  }) as unknown as tf.KernelFunc,
});
