// Command-line flags of a benchmark: `--name value` and bare `--flag`. run.js passes the same
// flags to every benchmark, so a flag one benchmark does not know is ignored, not rejected.

/** `{ args, option(name, fallback) }` over `argv` (default: this process's arguments). */
function benchOptions(argv = process.argv.slice(2)) {
  const option = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : fallback;
  };
  return { args: argv, option };
}

module.exports = { benchOptions };
