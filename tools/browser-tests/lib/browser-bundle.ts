import * as esbuild from 'esbuild';
import { REPO_ROOT } from './isomorphic-packages';

export interface BrowserBundle {
  /** esbuild's errors, one line each (a Node built-in that cannot be resolved for a browser shows here). */
  errors: string[];
  /** The files that went into the bundle, relative to the repository root. */
  inputs: string[];
  /** The bundle (empty when there were errors). */
  code: string;
}

/**
 * Bundles `source` (an ES module that imports our packages by name) for a browser the way an
 * application's bundler would: `platform: 'browser'` (the `browser` and `import` conditions and
 * package.json `browser` fields), every dependency included. A Node built-in anywhere in the
 * import graph is an error, since a browser has none.
 */
export async function bundleForBrowser(
  source: string,
  options: { resolveDir?: string } = {},
): Promise<BrowserBundle> {
  const result = await esbuild
    .build({
      stdin: {
        contents: source,
        resolveDir: options.resolveDir ?? REPO_ROOT,
        sourcefile: 'browser-entry.js',
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      metafile: true,
      // No tsconfig: the root one maps our packages to their sources; an application resolves
      // them as published, through node_modules and their `exports`.
      tsconfigRaw: {},
      logLevel: 'silent',
    })
    .catch((failure: esbuild.BuildFailure) => failure);
  if ('errors' in result && result.errors.length > 0) {
    return {
      errors: result.errors.map(
        (e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`,
      ),
      inputs: [],
      code: '',
    };
  }
  const built = result as esbuild.BuildResult & {
    metafile: esbuild.Metafile;
    outputFiles: esbuild.OutputFile[];
  };
  return { errors: [], inputs: Object.keys(built.metafile.inputs), code: built.outputFiles[0].text };
}
