/** Input checks shared by the plot functions; errors name the argument and expected vs actual. */

/** Throws unless `value` is a positive finite number (or undefined, then returns `fallback`). */
export function sizeOption(fn: string, name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${fn}: ${name} must be a positive finite number, got ${String(value)}`);
  }
  return value;
}

/** Throws unless `value` is a string (or undefined). */
export function optionalString(fn: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new Error(`${fn}: ${name} must be a string, got ${typeof value}`);
  }
  return value;
}

/** Throws unless `value` is an array. */
export function requireArray<T>(fn: string, name: string, value: unknown): T[] {
  if (!Array.isArray(value)) {
    throw new Error(`${fn}: ${name} must be an array, got ${value === null ? 'null' : typeof value}`);
  }
  return value as T[];
}

/** Throws unless the strings are pairwise distinct (plots use them as colour/legend domains). */
export function requireUnique(fn: string, name: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    if (seen.has(values[i])) {
      throw new Error(`${fn}: ${name} must be distinct, but "${values[i]}" appears twice (again at index ${i})`);
    }
    seen.add(values[i]);
  }
}
