import { align16, type SimdModule } from '../simd-module';

/**
 * A convolution (`inputGradient` 0: y from x; 1: dx from dy) on the SIMD kernels: the filter is
 * packed once, then the images are split across the kernels' threads, each with its own scratch.
 */
export function runGatherConv(
  simd: SimdModule,
  geometry: number[],
  inputGradient: 0 | 1,
  filter: number,
  src: number,
  bias: number,
  relu: boolean,
  dst: number,
): void {
  const g = simd.geometry(geometry);
  const packedBytes = align16(simd.call('conv2d_packed_bytes', g, inputGradient));
  const scratchBytes = align16(simd.call('conv2d_scratch_bytes', g, inputGradient));
  simd.withScratch(packedBytes + scratchBytes * simd.threads, (packed) => {
    simd.call('conv2d_pack', g, filter, inputGradient, packed);
    const batch = geometry[0];
    simd.parallel(batch, (begin, end, thread) => [
      'conv2d_run',
      g,
      src,
      packed,
      bias,
      relu ? 1 : 0,
      dst,
      packed + packedBytes + thread * scratchBytes,
      inputGradient,
      begin,
      end,
    ]);
  });
}
