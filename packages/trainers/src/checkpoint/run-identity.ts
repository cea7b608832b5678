/**
 * What must not change between a checkpoint and the run that resumes from it (architecture,
 * optimizer, loss, data...), as a JSON value. Trainers store it in the checkpoint's metadata
 * and compare it on resume.
 */
export type RunIdentity = Record<string, unknown>;

/**
 * The dotted paths where `current` differs from `saved` (one per differing leaf, sorted), or an
 * empty list when they match. Objects compare key by key; anything else by its JSON text.
 */
export function identityDifferences(saved: unknown, current: unknown, prefix = ''): string[] {
  if (isPlainObject(saved) && isPlainObject(current)) {
    const keys = [...new Set([...Object.keys(saved), ...Object.keys(current)])].sort();
    return keys.flatMap((key) =>
      identityDifferences(saved[key], current[key], prefix ? `${prefix}.${key}` : key),
    );
  }
  return JSON.stringify(saved) === JSON.stringify(current) ? [] : [prefix || '(root)'];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
