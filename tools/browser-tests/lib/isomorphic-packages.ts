import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (tools/browser-tests/lib -> ../../..). */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/**
 * The packages that run in Node and in browsers (docs/CONTRIBUTING.md, "Isomorphic packages"):
 * their main entry must bundle for a browser with no Node built-in, and each publishes an ES
 * module build next to its CommonJS one.
 */
export const ISOMORPHIC_PACKAGES = [
  '@contrastive/core',
  '@contrastive/backend',
  '@contrastive/losses',
  '@contrastive/encoders',
  '@contrastive/augment',
  '@contrastive/datasets',
  '@contrastive/memory',
  '@contrastive/trainers',
  '@contrastive/eval',
] as const;

export type IsomorphicPackage = (typeof ISOMORPHIC_PACKAGES)[number];

type Conditions = { types?: string; import?: string; require?: string; default?: string };

export interface PackageManifest {
  name: string;
  main?: string;
  module?: string;
  exports: Record<string, string | Conditions>;
}

/** The folder of a workspace package, e.g. `packages/core` for `@contrastive/core`. */
export function packageDir(name: string): string {
  return join(REPO_ROOT, 'packages', name.replace('@contrastive/', ''));
}

export function readManifest(name: string): PackageManifest {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as PackageManifest;
}

/** The subpaths a package exports code from (`.`, `./node`), with their conditions. */
export function codeEntries(manifest: PackageManifest): Array<[string, Conditions]> {
  return Object.entries(manifest.exports).filter(
    (entry): entry is [string, Conditions] => typeof entry[1] === 'object',
  );
}
