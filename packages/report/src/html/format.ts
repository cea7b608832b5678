/** Formatting of numbers, durations and config values for the report page. */

/** Formats a metric value: integers as-is, other numbers to 4 significant digits. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
    if (Number.isInteger(value)) return String(value);
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return value.toExponential(3);
    return String(Number(value.toPrecision(4)));
  }
  return String(value);
}

/** Formats a duration in seconds as `850 ms`, `12.3 s`, `3 min 05 s` or `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    return `${m} min ${String(Math.round(seconds - 60 * m)).padStart(2, '0')} s`;
  }
  const h = Math.floor(seconds / 3600);
  return `${h} h ${String(Math.round((seconds - 3600 * h) / 60)).padStart(2, '0')} min`;
}

/**
 * Pretty-prints a config object as JSON that never throws: circular references become
 * `"[circular]"`, bigints strings, typed arrays a short `"Float32Array(1024)"`, functions are dropped.
 */
export function stringifyConfig(config: unknown): string {
  const stack: unknown[] = [];
  const replacer = function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length ?? value.byteLength})`;
    if (value !== null && typeof value === 'object') {
      // `this` is the object holding `value`; unwind the ancestor stack down to it.
      while (stack.length > 0 && stack[stack.length - 1] !== this) stack.pop();
      if (stack.includes(value)) return '[circular]';
      stack.push(value);
    }
    return value;
  };
  return JSON.stringify(config, replacer, 2) ?? String(config);
}
