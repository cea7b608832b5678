import { freeCores } from '../../src';

describe('freeCores: the cores other processes leave free', () => {
  it('counts every core free on an idle machine', () => {
    expect(freeCores({ cores: 2, loadAverage: 0 })).toEqual({ free: 2, cores: 2, busy: 0 });
    expect(freeCores({ cores: 16, loadAverage: 0.4 })).toEqual({ free: 16, cores: 16, busy: 0 });
  });

  it('takes away the cores the load average says are held, rounding half a core up', () => {
    expect(freeCores({ cores: 2, loadAverage: 0.5 })).toEqual({ free: 1, cores: 2, busy: 1 });
    expect(freeCores({ cores: 2, loadAverage: 1.2 })).toEqual({ free: 1, cores: 2, busy: 1 });
    expect(freeCores({ cores: 8, loadAverage: 2.6 })).toEqual({ free: 5, cores: 8, busy: 3 });
  });

  it('counts the processes running now over the load average, which lags by a minute', () => {
    // A job that just ended still weighs on the average: the cores are free now.
    expect(freeCores({ cores: 2, loadAverage: 1.8, runningNow: 0 })).toEqual({ free: 2, cores: 2, busy: 0 });
    // A job that just started is not in the average yet.
    expect(freeCores({ cores: 4, loadAverage: 0.1, runningNow: 3 })).toEqual({ free: 1, cores: 4, busy: 3 });
    expect(freeCores({ cores: 2, loadAverage: 1.2, runningNow: Number.NaN })).toEqual({ free: 1, cores: 2, busy: 1 });
  });

  it('keeps one core however loaded the machine is', () => {
    expect(freeCores({ cores: 2, loadAverage: 9.1 })).toEqual({ free: 1, cores: 2, busy: 2 });
    expect(freeCores({ cores: 1, loadAverage: 0 })).toEqual({ free: 1, cores: 1, busy: 0 });
  });

  it('rejects a core count or load average that is no count', () => {
    expect(() => freeCores({ cores: 0, loadAverage: 0 })).toThrow(/cores must be a positive integer, got 0/);
    expect(() => freeCores({ cores: 2.5, loadAverage: 0 })).toThrow(/got 2.5/);
    expect(() => freeCores({ cores: 2, loadAverage: Number.NaN })).toThrow(
      /load average must be a finite number >= 0, got NaN/,
    );
    expect(() => freeCores({ cores: 2, loadAverage: -1 })).toThrow(/got -1/);
  });
});
