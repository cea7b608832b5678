// The repository stands alone: nothing in it that runs for a user (package sources, tests, fixtures
// scripts, the documented examples, CI and the jest preset) names the folder beside the clone.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { repoRoot, besideRepo, isBesideRepo, findOutsideReferences } = require('../outside-paths');

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.nx']);
const TEXT_FILE = /\.(c|cc|cpp|h|js|cjs|mjs|ts|tsx|json|md|sh|gyp|yml|yaml)$|^run$/;

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : listFiles(full);
    return TEXT_FILE.test(entry.name) ? [full] : [];
  });
}

// Benchmarks and the embedded-subset builder may look for the full Fashion-MNIST beside the clone as one
// optional place among others; they are tools for maintainers, not what a user's install or tests run.
const SCANNED = [
  ...listFiles(path.join(repoRoot, 'packages')),
  ...listFiles(path.join(repoRoot, 'docs/examples')),
  ...listFiles(path.join(repoRoot, 'tools/ci')),
  ...listFiles(path.join(repoRoot, '.ci')),
  path.join(repoRoot, 'jest.preset.js'),
  path.join(repoRoot, 'package.json'),
  path.join(repoRoot, 'nx.json'),
];

describe('the repository stands alone', () => {
  it('scans the package sources and tests (the scan itself finds them)', () => {
    const relative = SCANNED.map((f) => path.relative(repoRoot, f));
    expect(relative).toContain('packages/losses/test/setup.ts');
    expect(relative).toContain('packages/cli/src/program.ts');
    expect(relative.filter((f) => f.startsWith('packages/')).length).toBeGreaterThan(200);
  });

  it('no package source, test, example, CI script or preset names the folder beside the clone', () => {
    const found = SCANNED.flatMap((file) =>
      findOutsideReferences(fs.readFileSync(file, 'utf8')).map(
        ({ line, text }) => `${path.relative(repoRoot, file)}:${line}: ${text}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('every package suite loads the guard that refuses reads beside the clone', () => {
    const guard = path.join(repoRoot, 'tools/repo-checks/forbid-reads-beside-repo.js');
    const packages = fs.readdirSync(path.join(repoRoot, 'packages'));
    expect(packages.length).toBeGreaterThan(10);
    for (const name of packages) {
      const config = require(path.join(repoRoot, 'packages', name, 'jest.config.js'));
      expect({ name, setupFiles: config.setupFiles }).toEqual({
        name,
        setupFiles: expect.arrayContaining([guard]),
      });
    }
  });
});

describe('findOutsideReferences', () => {
  it.each([
    "path.join(__dirname, '../../../../shared/vectors')",
    "readFileSync('../shared/vectors/supcon.json')",
    "const dir = path.join(root, '..', 'shared/data/fashion-mnist');",
    '..\\\\..\\\\shared\\\\seeds',
  ])('finds %s', (line) => {
    expect(findOutsideReferences(`ok\n${line}\n`)).toEqual([{ line: 2, text: line }]);
  });

  it.each([
    '/** Small deterministic inputs shared by the tests. */',
    'const shared = anchors === contrast;',
    'a shared/ folder',
  ])('ignores %s', (line) => expect(findOutsideReferences(line)).toEqual([]));
});

describe('the read guard', () => {
  const sharedVectors = path.join(besideRepo, 'shared', 'vectors', 'supcon.json');

  it('refuses to read, probe or list the shared folder beside the clone, naming the path', () => {
    const refused = new RegExp(
      `test read outside the repository: ${sharedVectors.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    );
    expect(() => fs.readFileSync(sharedVectors, 'utf8')).toThrow(refused);
    expect(() => fs.existsSync(sharedVectors)).toThrow(refused);
    expect(() => fs.readdirSync(path.dirname(sharedVectors))).toThrow(/outside the repository/);
    expect(() => fs.createReadStream(sharedVectors)).toThrow(/outside the repository/);
    return expect(fs.promises.readFile(sharedVectors)).rejects.toThrow(/outside the repository/);
  });

  it('refuses relative paths that climb out of the clone', () => {
    const climbing = path.relative(process.cwd(), path.join(besideRepo, 'shared'));
    expect(climbing.startsWith('..')).toBe(true);
    expect(() => fs.statSync(climbing)).toThrow(/outside the repository/);
  });

  it('lets tests read the repository, the temporary folder and system folders', () => {
    expect(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).toContain('"workspaces"');
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-checks-'));
    fs.writeFileSync(path.join(scratch, 'x.txt'), 'x');
    expect(fs.readFileSync(path.join(scratch, 'x.txt'), 'utf8')).toBe('x');
    fs.rmSync(scratch, { recursive: true });
    expect(fs.existsSync('/usr')).toBe(true);
  });

  it('classifies paths against any clone location', () => {
    const root = '/work/clone';
    expect(isBesideRepo('/work/shared/vectors/a.json', root)).toBe(true);
    expect(isBesideRepo('/work/other-repo/file', root)).toBe(true);
    expect(isBesideRepo('/work/clone/packages/x', root)).toBe(false);
    expect(isBesideRepo('/usr/share/datasets/fashion-mnist', root)).toBe(false);
    // A clone inside the temporary folder: scratch files beside it are fine, its shared/ is not.
    const tmpClone = path.join(os.tmpdir(), 'clone');
    expect(isBesideRepo(path.join(os.tmpdir(), 'jest-scratch', 'f'), tmpClone)).toBe(false);
    expect(isBesideRepo(path.join(os.tmpdir(), 'shared', 'vectors'), tmpClone)).toBe(true);
  });
});
