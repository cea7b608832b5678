/**
 * The test environment pins CONTRASTIVE_THREADS=1 (tools/jest/webgpu-env.js) so suites are
 * reproducible; tests of the `auto` rule take that pin away for their describe block.
 */
export function withoutThreadsPin(): void {
  let pinned: string | undefined;
  beforeAll(() => {
    pinned = process.env.CONTRASTIVE_THREADS;
    delete process.env.CONTRASTIVE_THREADS;
  });
  afterAll(() => {
    if (pinned !== undefined) process.env.CONTRASTIVE_THREADS = pinned;
  });
}
