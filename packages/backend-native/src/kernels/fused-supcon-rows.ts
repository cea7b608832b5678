import type * as tf from '@tensorflow/tfjs-core';
import { heapFloat32, heapInt32, makeFloat32Output } from '../wasm-heap';
import type { KernelArgs, NativeKernelFactory } from './native-kernel';

/**
 * The kernel name @contrastive/losses' SupCon looks for (`FUSED_SUPCON_ROWS` there): when a
 * backend has it, the loss runs its O(N²) element-wise part as this one kernel instead of ~20
 * tfjs ops. Contract (the losses package's composed path is the reference):
 * - inputs: `logits` `[Na, Nc]` float32 (already / temperature); either `positive` `[Na, Nc]`
 *   float32 (self removed) or `anchorLabels` `[Na]` + `contrastLabels` `[Nc]` int32; optional
 *   `selfIndex` `[Na]` int32 (-1 = none), the column left out of each anchor's softmax;
 * - attrs: `variant` 'out' | 'in', `noPositive` 'zero' | 'exclude', `scale` (temperature /
 *   baseTemperature), `maskOffset` (how far the self logit is pushed down);
 * - outputs: `loss` `[]` and `gradient` `[Na, Nc]` = d loss / d logits.
 */
export const FUSED_SUPCON_ROWS = 'FusedSupConRows';

interface FusedSupConRowsAttrs {
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
  scale: number;
  maskOffset: number;
}

export const nativeFusedSupConRows: NativeKernelFactory = (binding) => ({
  kernelName: FUSED_SUPCON_ROWS,
  backends: ['wasm'],
  kernelFunc: ((args: KernelArgs) => {
    const { logits, positive, anchorLabels, contrastLabels, selfIndex } = args.inputs;
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
