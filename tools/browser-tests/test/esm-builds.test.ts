// Every isomorphic package publishes an ES module build next to its CommonJS one, and Node's own
// ES module loader (not jest's, which maps imports to sources) loads it with the same exports.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  codeEntries,
  ISOMORPHIC_PACKAGES,
  packageDir,
  readManifest,
  REPO_ROOT,
} from '../lib/isomorphic-packages';

const run = promisify(execFile);

/**
 * In a fresh Node process: `import()` and `require()` of one specifier, where each resolved to and
 * which names each exports. (`process.getBuiltinModule`: no Node built-in import in the snippet.)
 */
async function loadBothWays(
  specifier: string,
): Promise<{ esm: string[]; cjs: string[]; esmFile: string; cjsFile: string }> {
  const script = `
    const { createRequire } = await import('node:module');
    const require = createRequire(process.cwd() + '/');
    const specifier = ${JSON.stringify(specifier)};
    const esm = await import(specifier);
    const cjs = require(specifier);
    process.stdout.write(JSON.stringify({
      esm: Object.keys(esm).filter((k) => k !== 'default').sort(),
      cjs: Object.keys(cjs).filter((k) => k !== 'default' && k !== '__esModule').sort(),
      esmFile: import.meta.resolve(specifier),
      cjsFile: require.resolve(specifier),
    }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: REPO_ROOT,
    maxBuffer: 1 << 24,
    timeout: 120000,
  });
  return JSON.parse(stdout);
}

// The project.json of this suite builds exactly these packages before it runs.
test('the suite builds every isomorphic package first (project.json lists ISOMORPHIC_PACKAGES)', () => {
  const project = JSON.parse(readFileSync(join(__dirname, '..', 'project.json'), 'utf8'));
  const built = project.targets.test.dependsOn.find((d: { target: string }) => d.target === 'build').projects;
  expect([...built].sort()).toEqual([...ISOMORPHIC_PACKAGES].sort());
});

describe.each(ISOMORPHIC_PACKAGES)('%s', (name) => {
  const manifest = readManifest(name);

  test('exports every code entry with types, import (.mjs) and require (.js) conditions, types first', () => {
    const entries = codeEntries(manifest);
    expect(entries.map(([subpath]) => subpath)).toContain('.');
    for (const [subpath, conditions] of entries) {
      expect(Object.keys(conditions)[0]).toBe('types');
      expect(conditions.import).toMatch(/^\.\/dist\/.+\.mjs$/);
      expect(conditions.require).toMatch(/^\.\/dist\/.+\.js$/);
      for (const file of [conditions.types!, conditions.import!, conditions.require!]) {
        expect({ subpath, file, built: existsSync(join(packageDir(name), file)) }).toEqual({
          subpath,
          file,
          built: true,
        });
      }
    }
    expect(manifest.module).toBe((manifest.exports['.'] as { import: string }).import);
  });

  test("its ES module files never call esbuild's require stub (a `require` left in the sources)", () => {
    // esbuild turns a `require(...)` it cannot bundle into `__require(...)`, which throws in an ES
    // module ("Dynamic require of ... is not supported") and in browsers. Node-only loads go through
    // backend's nodeRequire(); browser ones through import().
    const dist = join(packageDir(name), 'dist');
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.mjs'),
    );
    expect(files.length).toBeGreaterThan(0);
    const calling = files.filter((file) => readFileSync(join(dist, file), 'utf8').includes('__require('));
    expect(calling).toEqual([]);
  });

  test.each(
    codeEntries(manifest).map(([subpath]) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`)),
  )('import(%s) in Node loads the ES module build, with the same exports as require()', async (specifier) => {
    const loaded = await loadBothWays(specifier);
    expect(loaded.esmFile).toMatch(/\/dist\/(node\/)?index\.mjs$/);
    expect(loaded.cjsFile).toMatch(/\/dist\/(node\/)?index\.js$/);
    expect(loaded.esm.length).toBeGreaterThan(0);
    expect(loaded.esm).toEqual(loaded.cjs);
  });
});
