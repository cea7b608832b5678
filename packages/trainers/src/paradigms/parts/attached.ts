/** Throws when a paradigm is used before `attach`. */
export function attached<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`trainer '${id}': attach(setup) must run before the first step`);
  return value;
}
