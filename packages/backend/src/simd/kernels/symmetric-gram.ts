import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import type { KernelArgs } from '../../kernels/kernel-args';

/**
 * The kernel @contrastive/losses' SupCon looks for to build its logits when anchors and contrast
 * rows are one tensor: input `x` `[N, D]` float32, attr `alpha`; output `[N, N]` = alpha x xᵀ.
 */
export const SYMMETRIC_GRAM = 'SymmetricGram';

/**
 * `SymmetricGram` on the SIMD kernels: only the blocks on and above the diagonal are multiplied
 * (simd/symmetric_gram.c), block rows split across the kernels' threads. A kernel of its own (tfjs
 * has none), registered only while the SIMD kernels are in use.
 */
export const simdSymmetricGramKernel: TrainingKernel = {
  kernelName: SYMMETRIC_GRAM,
  backends: ['wasm'],
  kernelFunc: ((args: KernelArgs) => {
    const { x } = args.inputs;
    const alpha = Number((args.attrs as { alpha?: number }).alpha ?? 1);
    if (!x || x.shape.length !== 2 || x.dtype !== 'float32') {
      throw new Error(`${SYMMETRIC_GRAM}: x must be float32 [N, D], got ${x?.dtype} [${x?.shape}]`);
    }
    const simd = simdModuleOf(args.backend);
    if (!simd) throw new Error(`${SYMMETRIC_GRAM}: the SIMD kernels are off or not ready on this backend`);
    const [n, d] = x.shape;
    const out = makeFloat32Output(args.backend, [n, n]);
    if (n === 0) return out;
    const outAt = heapAddress(args.backend, out);
    if (d === 0) {
      simd.writeFloats(outAt, new Array<number>(n * n).fill(0));
      return out;
    }
    // alpha goes through memory (thread jobs carry int32 arguments only), ahead of the packed x.
    simd.withScratch(16 + simd.call('symmetric_gram_scratch_bytes', n, d), (scratch) => {
      simd.writeFloats(scratch, [alpha]);
      const packed = scratch + 16;
      simd.call('symmetric_gram_pack', heapAddress(args.backend, x), n, d, packed);
      const blocks = Math.ceil(n / 8);
      simd.parallel(blocks, (begin, end) => ['symmetric_gram', packed, n, d, scratch, outAt, begin, end]);
    });
    return out;
  }) as unknown as tf.KernelFunc,
};
