import { planThreads } from '../../src';

const idle = { cores: 4, loadAverage: 0.2 };
const busy = { cores: 4, loadAverage: 2.7 };

describe('planThreads: the option, else CONTRASTIVE_THREADS, else auto', () => {
  it('auto in Node runs on the free cores and says how many were free', () => {
    expect(planThreads(undefined, { env: {}, coreLoad: idle })).toEqual({
      threads: 4,
      reason: 'auto: 4 cores free',
    });
    expect(planThreads('auto', { env: {}, coreLoad: busy })).toEqual({
      threads: 1,
      reason: 'auto: 1 of 4 cores free, load average 2.7',
    });
    expect(planThreads(undefined, { env: {}, coreLoad: { cores: 1, loadAverage: 0 } })).toEqual({
      threads: 1,
      reason: 'auto: 1 core free',
    });
  });

  it("auto where the load cannot be read (a browser) leaves tfjs' own rule", () => {
    expect(planThreads(undefined, { env: {}, coreLoad: undefined })).toEqual({
      threads: undefined,
      reason: "auto: tfjs' rule (threads in a cross-origin isolated page)",
    });
  });

  it('CONTRASTIVE_THREADS overrides auto, and the option overrides both', () => {
    expect(planThreads(undefined, { env: { CONTRASTIVE_THREADS: '3' }, coreLoad: busy })).toEqual({
      threads: 3,
      reason: 'CONTRASTIVE_THREADS=3',
    });
    expect(planThreads(2, { env: { CONTRASTIVE_THREADS: '3' }, coreLoad: busy })).toEqual({
      threads: 2,
      reason: 'requested',
    });
    expect(planThreads('auto', { env: { CONTRASTIVE_THREADS: '3' }, coreLoad: idle })).toEqual({
      threads: 4,
      reason: 'auto: 4 cores free',
    });
    expect(planThreads(undefined, { env: { CONTRASTIVE_THREADS: 'auto' }, coreLoad: busy }).threads).toBe(1);
    expect(planThreads(undefined, { env: { CONTRASTIVE_THREADS: '' }, coreLoad: idle }).threads).toBe(4);
  });

  it('rejects a count that is not a positive integer, naming where it came from', () => {
    expect(() => planThreads(0, { env: {}, coreLoad: idle })).toThrow(
      /options.threads must be 'auto' or a positive integer, got 0/,
    );
    expect(() => planThreads(1.5, { env: {}, coreLoad: idle })).toThrow(/got 1.5/);
    expect(() => planThreads('2' as unknown as number, { env: {}, coreLoad: idle })).toThrow(
      /options.threads .* got "2"/,
    );
    expect(() => planThreads(undefined, { env: { CONTRASTIVE_THREADS: 'many' }, coreLoad: idle })).toThrow(
      /CONTRASTIVE_THREADS must be 'auto' or a positive integer, got "many"/,
    );
    expect(() => planThreads(undefined, { env: { CONTRASTIVE_THREADS: '0' }, coreLoad: idle })).toThrow(
      /got "0"/,
    );
  });

  it('reads the cores and load of this machine by default', () => {
    const plan = planThreads(undefined, { env: {} });
    expect(plan.threads).toBeGreaterThanOrEqual(1);
    expect(plan.reason).toMatch(/^auto: \d+ (of \d+ )?cores? free/);
  });
});
