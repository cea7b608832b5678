import { formatDuration, formatValue, stringifyConfig } from '../../src/html/format';

describe('formatValue', () => {
  it('formats numbers for a metrics table', () => {
    expect(formatValue(0.853412)).toBe('0.8534');
    expect(formatValue(12)).toBe('12');
    expect(formatValue(1.5e-5)).toBe('1.500e-5');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('−∞');
    expect(formatValue(null)).toBe('');
    expect(formatValue(true)).toBe('true');
  });
});

describe('formatDuration', () => {
  it('picks a readable unit', () => {
    expect(formatDuration(0.25)).toBe('250 ms');
    expect(formatDuration(3.14159)).toBe('3.14 s');
    expect(formatDuration(42.25)).toBe('42.3 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
  });
});

describe('stringifyConfig', () => {
  it('never throws on circular, bigint, typed-array or function values', () => {
    const config: Record<string, unknown> = { a: 1n, w: new Float32Array(1024), f: () => 1, nested: { ok: true } };
    config.self = config;
    const shared = { x: 1 };
    config.twice = [shared, shared];
    const parsed = JSON.parse(stringifyConfig(config));
    expect(parsed).toEqual({ a: '1', w: 'Float32Array(1024)', nested: { ok: true }, self: '[circular]', twice: [{ x: 1 }, { x: 1 }] });
  });
});
