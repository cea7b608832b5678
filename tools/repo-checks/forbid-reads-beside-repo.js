// Jest setup file (every package's suite loads it through jest.preset.js): any attempt by a test to
// open, read, list or probe a path beside the repository throws, naming the path. The reference data
// the suites need lives in each package's test/fixtures/. This catches what a source scan cannot see,
// such as a path assembled at run time.
const fs = require('fs');
const { fileURLToPath } = require('url');
const { isBesideRepo } = require('./outside-paths');

const GUARDED = [
  'accessSync',
  'createReadStream',
  'existsSync',
  'lstatSync',
  'openSync',
  'opendirSync',
  'readdirSync',
  'readFileSync',
  'realpathSync',
  'statSync',
  'access',
  'lstat',
  'open',
  'opendir',
  'readdir',
  'readFile',
  'realpath',
  'stat',
];
const GUARDED_PROMISES = ['access', 'lstat', 'open', 'opendir', 'readdir', 'readFile', 'realpath', 'stat'];

function asPath(target) {
  if (typeof target === 'string') return target;
  if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : undefined;
  if (Buffer.isBuffer(target)) return target.toString();
  return undefined; // a file descriptor: already opened, so already checked
}

function check(target) {
  const file = asPath(target);
  if (file !== undefined && isBesideRepo(file)) {
    throw new Error(
      `test read outside the repository: ${file}. A clone has nothing beside it; ` +
        "copy the data into the package's test/fixtures/ (see tools/repo-checks/README.md).",
    );
  }
}

function guard(owner, name, { async = false } = {}) {
  const original = owner[name];
  if (typeof original !== 'function' || original.__besideRepoGuard) return;
  const guarded = async
    ? async function (target, ...rest) {
        check(target); // rejects, as the promise API reports every other failure
        return original.call(this, target, ...rest);
      }
    : function (target, ...rest) {
        check(target);
        return original.call(this, target, ...rest);
      };
  guarded.__besideRepoGuard = true;
  // Keeps attached members such as realpathSync.native and util.promisify.custom.
  for (const key of Reflect.ownKeys(original)) {
    if (!['length', 'name', 'prototype'].includes(key)) guarded[key] = original[key];
  }
  owner[name] = guarded;
}

GUARDED.forEach((name) => guard(fs, name));
GUARDED_PROMISES.forEach((name) => guard(fs.promises, name, { async: true }));
