import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingKernel } from '../../kernels/training-kernels';
import { align16, heapAddress, makeFloat32Output, simdModuleOf } from '../simd-module';
import type { KernelArgs } from '../../kernels/kernel-args';

/**
 * The kernel @contrastive/losses' SupCon looks for in its backward pass when anchors and contrast
 * rows are one tensor: inputs `g` `[N, N]` and `c` `[N, D]` float32, attr `alpha`; output
 * `[N, D]` = alpha (g + gᵀ) c.
 */
export const SYMMETRIZED_MATMUL = 'SymmetrizedMatMul';

/**
 * `SymmetrizedMatMul` on the SIMD kernels: one GEMM whose A panels are g + gᵀ added up while
 * they are packed (simd/symmetrized_matmul.c), so gᵀ is never materialised; 4-row panels split
 * across the kernels' threads. A kernel of its own, registered only while the SIMD kernels are in use.
 */
export const simdSymmetrizedMatMulKernel: TrainingKernel = {
  kernelName: SYMMETRIZED_MATMUL,
  backends: ['wasm'],
  kernelFunc: ((args: KernelArgs) => {
    const { g, c } = args.inputs;
    const alpha = Number((args.attrs as { alpha?: number }).alpha ?? 1);
    if (
      !g ||
      !c ||
      g.shape.length !== 2 ||
      c.shape.length !== 2 ||
      g.dtype !== 'float32' ||
      c.dtype !== 'float32'
    ) {
      throw new Error(`${SYMMETRIZED_MATMUL}: g must be float32 [N, N] and c float32 [N, D]`);
    }
    const [n, d] = c.shape;
    if (g.shape[0] !== n || g.shape[1] !== n) {
      throw new Error(`${SYMMETRIZED_MATMUL}: g must be [${n}, ${n}] for c [${n}, ${d}], got [${g.shape}]`);
    }
    const simd = simdModuleOf(args.backend);
    if (!simd)
      throw new Error(`${SYMMETRIZED_MATMUL}: the SIMD kernels are off or not ready on this backend`);
    const out = makeFloat32Output(args.backend, [n, d]);
    if (n === 0 || d === 0) return out;
    const outAt = heapAddress(args.backend, out);
    const packedBytes = align16(simd.call('symmetrized_matmul_scratch_bytes', n, d));
    // One thread's 4-row panel of g + gᵀ, one k block deep (simd/symmetrized_matmul.c's DEPTH_BLOCK).
    const panelBytes = align16(4 * 4 * Math.min(n, 256));
    // alpha goes through memory (thread jobs carry int32 arguments only), ahead of the packed c.
    simd.withScratch(16 + packedBytes + simd.threads * panelBytes, (alphaAt) => {
      simd.writeFloats(alphaAt, [alpha]);
      const scratch = alphaAt + 16;
      simd.call('symmetrized_matmul_pack', heapAddress(args.backend, c), n, d, scratch);
      const gAt = heapAddress(args.backend, g);
      simd.parallel(Math.ceil(n / 4), (begin, end, thread) => [
        'symmetrized_matmul',
        gAt,
        scratch,
        n,
        d,
        alphaAt,
        outAt,
        scratch + packedBytes + thread * panelBytes,
        begin,
        end,
      ]);
    });
    return out;
  }) as unknown as tf.KernelFunc,
};
