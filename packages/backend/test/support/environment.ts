/**
 * Runs `body` with the environment variable `name` set to `value` (removed when undefined), then
 * puts back what was there before, whatever `body` did to it meanwhile.
 */
export async function withEnv(name: string, value: string | undefined, body: () => Promise<void>): Promise<void> {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    await body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}
