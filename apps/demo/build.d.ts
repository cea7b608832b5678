/** Builds the web app into `outDir` (default apps/demo/dist); resolves to the files written, relative to it. */
export function buildDemo(outDir?: string, options?: { minify?: boolean }): Promise<string[]>;
