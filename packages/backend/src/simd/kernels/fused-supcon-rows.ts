import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { align16, heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import type { KernelArgs } from '../../kernels/kernel-args';

/**
 * The kernel @contrastive/losses' SupCon looks for (its `FUSED_SUPCON_ROWS`; the same contract as
 * @contrastive/backend-native's): inputs `logits` `[Na, Nc]` float32 (already / temperature),
 * either `positive` `[Na, Nc]` float32 or `anchorLabels` `[Na]` + `contrastLabels` `[Nc]` int32,
 * optional `selfIndex` `[Na]` int32 (-1 = none); attrs `variant` 'out' | 'in', `noPositive`
 * 'zero' | 'exclude', `scale`, `maskOffset`; outputs `loss` `[]` and `gradient` = d loss / d logits.
 */
export const FUSED_SUPCON_ROWS = 'FusedSupConRows';

interface FusedSupConRowsAttrs {
  variant: 'out' | 'in';
  noPositive: 'zero' | 'exclude';
  scale: number;
  maskOffset: number;
}

// simd/supcon_rows.c's SupConParams: 15 four-byte fields.
const PARAMS_BYTES = 64;

/**
 * `FusedSupConRows` on the SIMD kernels: the masked softmax, each anchor's loss and the logit
 * gradient in one pass per row, rows split across the kernels' threads. A kernel of its own
 * (tfjs has none), so it cannot hand calls on: it is registered only while the SIMD kernels are
 * in use, and @contrastive/losses falls back to its composed path where it is not registered.
 */
export const simdFusedSupConRowsKernel: TrainingKernel = {
  kernelName: FUSED_SUPCON_ROWS,
  backends: ['wasm'],
  kernelFunc: ((args: KernelArgs) => {
    const { logits, positive, anchorLabels, contrastLabels, selfIndex } = args.inputs;
    const { variant, noPositive, scale, maskOffset } = args.attrs as unknown as FusedSupConRowsAttrs;
    if (!logits || logits.shape.length !== 2 || logits.dtype !== 'float32') {
      throw new Error(`${FUSED_SUPCON_ROWS}: logits must be float32 [Na, Nc]`);
    }
    if (!positive && !(anchorLabels && contrastLabels)) {
      throw new Error(`${FUSED_SUPCON_ROWS}: give either positive or anchorLabels and contrastLabels`);
    }
    const simd = simdModuleOf(args.backend);
    if (!simd) throw new Error(`${FUSED_SUPCON_ROWS}: the SIMD kernels are off or not ready on this backend`);
    const [rows, cols] = logits.shape;
    const loss = makeFloat32Output(args.backend, []);
    const gradient = makeFloat32Output(args.backend, [rows, cols]);
    const at = (t: tf.TensorInfo | undefined) =>
      t && t.shape.every((d) => d > 0) ? heapAddress(args.backend, t) : 0;
    const rowBytes = align16(8 * rows);
    simd.withScratch(PARAMS_BYTES + 2 * rowBytes, (scratch) => {
      const counts = scratch + PARAMS_BYTES;
      const rowLoss = counts + rowBytes;
      simd.writeInts(scratch, [rows, cols, Number(variant === 'in'), Number(noPositive === 'exclude')]);
      simd.writeFloats(scratch + 16, [scale, maskOffset]);
      simd.writeInts(scratch + 24, [
        at(logits),
        positive ? at(positive) : 0,
        anchorLabels ? at(anchorLabels) : 0,
        contrastLabels ? at(contrastLabels) : 0,
        selfIndex ? at(selfIndex) : 0,
        counts,
        rowLoss,
        at(gradient),
        0,
      ]);
      if (rows > 0 && cols > 0) {
        simd.call('supcon_count_positives', scratch);
        simd.parallel(rows, (begin, end) => ['supcon_rows', scratch, begin, end]);
      }
      simd.call('supcon_loss', scratch, heapAddress(args.backend, loss));
    });
    return [loss, gradient];
  }) as unknown as tf.KernelFunc,
};
