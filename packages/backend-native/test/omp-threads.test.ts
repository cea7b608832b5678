import { applyThreads, nativeWasmKernels, SHORT_SPIN_COUNT, shortSpinUnlessSet } from '../src';
import type { NativeLibraryInfo } from '../src';
import { describeNative } from './support/native-harness';

/** A stand-in addon whose OpenMP team size is a variable. */
function fakeBinding(start: number) {
  let threads = start;
  return {
    setThreads: jest.fn((n: number) => {
      threads = n;
    }),
    info: (): NativeLibraryInfo => ({ library: 'oneDNN', version: '9.9.9', threads, isa: 'avx2' }),
  };
}

describe('shortSpinUnlessSet', () => {
  it("shortens libgomp's spin unless the user chose a spin count or a wait policy", () => {
    const unset: Record<string, string | undefined> = {};
    shortSpinUnlessSet(unset);
    expect(unset.GOMP_SPINCOUNT).toBe(SHORT_SPIN_COUNT);
    const empty: Record<string, string | undefined> = { GOMP_SPINCOUNT: '' };
    shortSpinUnlessSet(empty);
    expect(empty.GOMP_SPINCOUNT).toBe(SHORT_SPIN_COUNT);
    const count: Record<string, string | undefined> = { GOMP_SPINCOUNT: '1000000' };
    shortSpinUnlessSet(count);
    expect(count.GOMP_SPINCOUNT).toBe('1000000');
    const policy: Record<string, string | undefined> = { OMP_WAIT_POLICY: 'ACTIVE' };
    shortSpinUnlessSet(policy);
    expect(policy.GOMP_SPINCOUNT).toBeUndefined();
  });
});

describe('applyThreads', () => {
  it('runs the kernels on the planned count', () => {
    const binding = fakeBinding(2);
    expect(applyThreads(binding, 1, {}).threads).toBe(1);
    expect(binding.setThreads).toHaveBeenLastCalledWith(1);
    expect(applyThreads(binding, 3, {})).toEqual({
      library: 'oneDNN',
      version: '9.9.9',
      threads: 3,
      isa: 'avx2',
    });
  });

  it('leaves the count alone without a plan', () => {
    const binding = fakeBinding(2);
    expect(applyThreads(binding, undefined, {}).threads).toBe(2);
    expect(binding.setThreads).not.toHaveBeenCalled();
  });

  it('lets OMP_NUM_THREADS win, and says so when it differs from the plan', () => {
    const binding = fakeBinding(3);
    expect(applyThreads(binding, 1, { OMP_NUM_THREADS: '3' })).toMatchObject({
      threads: 3,
      threadsReason: 'OMP_NUM_THREADS=3',
    });
    expect(applyThreads(binding, 3, { OMP_NUM_THREADS: '3' }).threadsReason).toBeUndefined();
    expect(binding.setThreads).not.toHaveBeenCalled();
  });
});

describeNative('the addon on the planned thread count', () => {
  const fixed = process.env.OMP_NUM_THREADS;

  it('runs oneDNN on the count useBackend plans, or says OMP_NUM_THREADS fixed it', () => {
    for (const threads of [1, 2]) {
      const result = nativeWasmKernels({ threads });
      if (!result.available) throw new Error(result.reason);
      if (fixed) expect(result.info.threads).toBe(Number(fixed));
      else expect(result.info).toMatchObject({ threads });
    }
    expect(() => nativeWasmKernels({ threads: 0 })).toThrow(/threads must be a positive integer, got 0/);
  });

  it('set the short spin before OpenMP started (unless a spin count or wait policy was chosen)', () => {
    expect(nativeWasmKernels().available).toBe(true);
    expect(process.env.GOMP_SPINCOUNT ?? process.env.OMP_WAIT_POLICY).toMatch(/\S/);
  });
});
