// Where this repository ends. A user's clone has nothing beside it, so a test, default or script that
// reaches into the folder around the clone (the project's `shared/` sits there on our own machines)
// passes for us and fails for them. Both guards below use these definitions.
const os = require('os');
const path = require('path');

const repoRoot = path.resolve(__dirname, '../..');
const besideRepo = path.dirname(repoRoot);

function isInside(child, parent) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * True when `target` lies beside the repository rather than inside it. Temporary and home folders are
 * exempt even when they happen to contain the clone (tests write scratch files there), except for a
 * `shared/` folder directly beside the clone, which is never exempt.
 */
function isBesideRepo(target, root = repoRoot) {
  const resolved = path.resolve(target);
  const around = path.dirname(root);
  if (isInside(resolved, path.join(around, 'shared'))) return true;
  if (isInside(resolved, root) || !isInside(resolved, around) || resolved === around) return false;
  return ![os.tmpdir(), os.homedir()].some((exempt) => isInside(resolved, exempt));
}

/**
 * Patterns in a source file that name the folder beside the clone: `../shared`, `shared/vectors`,
 * `shared/data`, `shared/seeds`, whatever the number of `../` before them.
 */
const OUTSIDE_REFERENCE = /(?:\.\.[\\/]+)+shared\b|\bshared[\\/]+(?:vectors|data|seeds)\b/;

/** Lines of `text` that reference the folder beside the clone, as `{ line, text }`. */
function findOutsideReferences(text) {
  return text
    .split('\n')
    .map((line, i) => ({ line: i + 1, text: line.trim() }))
    .filter(({ text: line }) => OUTSIDE_REFERENCE.test(line));
}

module.exports = { repoRoot, besideRepo, isInside, isBesideRepo, findOutsideReferences };
