import { browserTestMode } from './chromium-availability';

describe('browserTestMode', () => {
  it('runs whenever chromium exists, whatever the environment', () => {
    expect(browserTestMode({}, true)).toEqual({ kind: 'run' });
    expect(browserTestMode({ CI: 'true', CONTRASTIVE_SKIP_BROWSER_TESTS: '1' }, true)).toEqual({ kind: 'run' });
  });

  it('fails on CI without chromium, even when asked to skip', () => {
    const mode = browserTestMode({ CI: 'true', CONTRASTIVE_SKIP_BROWSER_TESTS: '1' }, false);
    expect(mode.kind).toBe('fail');
    expect(mode.kind === 'fail' && mode.reason).toMatch(/missing on CI.*install-chromium\.sh/);
  });

  it('fails locally without chromium unless CONTRASTIVE_SKIP_BROWSER_TESTS=1', () => {
    const fail = browserTestMode({}, false);
    expect(fail.kind).toBe('fail');
    expect(fail.kind === 'fail' && fail.reason).toMatch(/CONTRASTIVE_SKIP_BROWSER_TESTS=1/);
    expect(browserTestMode({ CONTRASTIVE_SKIP_BROWSER_TESTS: '1' }, false).kind).toBe('skip');
    expect(browserTestMode({ CONTRASTIVE_SKIP_BROWSER_TESTS: 'yes' }, false).kind).toBe('fail');
  });

  it('treats CI=false / CI=0 / empty as not CI', () => {
    for (const CI of ['false', '0', '']) {
      expect(browserTestMode({ CI, CONTRASTIVE_SKIP_BROWSER_TESTS: '1' }, false).kind).toBe('skip');
    }
  });
});
