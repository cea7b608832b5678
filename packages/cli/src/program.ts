import { Command, InvalidArgumentError, Option } from 'commander';
import type { ThreadsRequest } from '@contrastive/backend';
import { ConfigError } from '@contrastive/core';
import { DatasetError } from '@contrastive/datasets';
import { CheckpointError } from '@contrastive/trainers';
import { CliError, EXIT } from './cli-error';
import { describeDatasets } from './commands/datasets';
import { oneLine } from './commands/load-config';
import { embedCommand } from './commands/embed';
import { evalCommand } from './commands/eval';
import { exportCommand } from './commands/export';
import { listPlugins } from './commands/plugins';
import { reportCommand } from './commands/report';
import { serveCommand } from './commands/serve';
import { trainCommand } from './commands/train';
import { createDefaultRegistry } from './experiment/create-registry';
import { ConsoleReporter, type OutputMode } from './output/console-reporter';

function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new InvalidArgumentError(`expected a positive integer, got '${value}'`);
  return parsed;
}

function nonNegativeInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new InvalidArgumentError(`expected a non-negative integer, got '${value}'`);
  return parsed;
}

const BACKENDS = ['auto', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

function backendName(value: string): string {
  if (!BACKENDS.includes(value))
    throw new InvalidArgumentError(`expected one of ${BACKENDS.join(', ')}, got '${value}'`);
  return value;
}

/** `--threads`: `auto` or a count, as `useBackend`'s `threads` takes them. */
function threadsRequest(value: string): ThreadsRequest {
  if (value === 'auto') return value;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1)
    throw new InvalidArgumentError(`expected 'auto' or a positive integer, got '${value}'`);
  return parsed;
}

const THREADS_HELP =
  'wasm and native-kernel threads: auto (the cores free at start) or a count; default CONTRASTIVE_THREADS, else auto';

function portNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got '${value}'`);
  return parsed;
}

/** Resolves on the first SIGINT or SIGTERM (a server runs until then). */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function outputMode(options: { quiet?: boolean; json?: boolean }): OutputMode {
  if (options.json) return 'json';
  return options.quiet ? 'quiet' : 'pretty';
}

/** Runs one command, turning expected failures into a one-line reason and an exit code. */
async function run(
  mode: OutputMode,
  action: (reporter: ConsoleReporter) => Promise<number | void>,
): Promise<number> {
  const reporter = new ConsoleReporter(mode);
  try {
    return (await action(reporter)) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CliError) {
      reporter.error(error.message);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      reporter.error(oneLine(error.message));
      return EXIT.config;
    }
    if (error instanceof DatasetError || error instanceof CheckpointError) {
      reporter.error(oneLine(error.message));
      return EXIT.data;
    }
    reporter.error(`unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT.failure;
  }
}

/** The `contrastive` command line. `exit` receives each command's exit code. */
export function createProgram(exit: (code: number) => void = (code) => process.exit(code)): Command {
  const program: Command = new Command('contrastive')
    .description('contrastive representation learning on TensorFlow.js')
    // commander would print the error itself (and the help after it); the exit override below
    // prints it once, as the one `contrastive: ` line (or JSON `error` event) every failure gets.
    .configureOutput({ outputError: () => undefined })
    .exitOverride((error) => {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') throw error;
      // No command given: commander has printed the help on stderr; that is the whole message.
      if (error.code === 'commander.help') throw new CliError('no command given', EXIT.usage, true);
      // commander's own usage errors (unknown option, missing argument) exit with 2.
      // rawArgs (the argv being parsed) is public in commander but missing from its typings.
      const argv = (program as unknown as { rawArgs: string[] }).rawArgs ?? [];
      const mode: OutputMode = argv.includes('--json') ? 'json' : 'quiet';
      new ConsoleReporter(mode).error(`${error.message} (see contrastive --help)`);
      throw new CliError(error.message, EXIT.usage, true);
    });

  const withOutput = (command: Command) =>
    command
      .option('-q, --quiet', 'print only results and errors')
      .option('--json', 'print JSON lines for machines');

  withOutput(
    program
      .command('train')
      .description(
        'contrastive pre-training, then linear probes of the encoder, a random encoder and a cross-entropy baseline',
      )
      .option(
        '-c, --config <file>',
        'experiment config (JSON); default: SupCon on the embedded Fashion-MNIST subset',
      )
      .option('--epochs <n>', 'pre-training epochs', positiveInt)
      .option('--batch-size <n>', 'batch size', positiveInt)
      .option('--max-steps-per-epoch <n>', 'cap on steps per epoch (short runs, smoke tests)', positiveInt)
      .addOption(
        new Option('--max-steps <n>', 'deprecated alias of --max-steps-per-epoch').argParser(positiveInt).hideHelp(),
      )
      .option('--seed <n>', 'random seed', nonNegativeInt)
      .option('--backend <name>', 'auto | tensorflow | wasm | cpu', backendName)
      .option('--threads <n>', THREADS_HELP, threadsRequest)
      .option('-o, --out <dir>', 'output directory (report, model, checkpoints)')
      .option('--resume', 'continue from the latest intact checkpoint in the output directory')
      .option('--force', 'write into a non-empty output directory that holds no run of this config')
      .option('--no-report', 'skip the HTML report'),
  ).action(async (options) =>
    exit(await run(outputMode(options), (reporter) => trainCommand(options, reporter))),
  );

  withOutput(
    program
      .command('eval')
      .description('score a saved model: linear probe, kNN, P@1, MAP@R, NMI/AMI')
      .requiredOption('-m, --model <dir>', 'model directory written by train')
      .option('-d, --dataset <id>', 'dataset plugin id', 'fashion-mnist-embedded')
      .option('--dataset-options <json>', 'dataset options as JSON', '{}')
      .option('--backend <name>', 'auto | tensorflow | wasm | cpu', backendName, 'auto')
      .option('--threads <n>', THREADS_HELP, threadsRequest),
  ).action(async (options) =>
    exit(await run(outputMode(options), (reporter) => evalCommand(options, reporter))),
  );

  withOutput(
    program
      .command('embed')
      .description('write embeddings and labels of a dataset split to .npy, CSV or JSONL')
      .requiredOption('-m, --model <dir>', 'model directory written by train')
      .requiredOption('-o, --out <file>', 'output file (.npy also writes <name>.labels.npy)')
      .option('-d, --dataset <id>', 'dataset plugin id', 'fashion-mnist-embedded')
      .option('--dataset-options <json>', 'dataset options as JSON', '{}')
      .option('--split <split>', 'train | test', 'test')
      .option(
        '--space <space>',
        'features (encoder output) | embeddings (normalised head output)',
        'features',
      )
      .option('-f, --format <format>', 'npy | csv | jsonl (default: from the file extension)')
      .option('--force', 'overwrite existing output files')
      .option('--backend <name>', 'auto | tensorflow | wasm | cpu', backendName, 'auto')
      .option('--threads <n>', THREADS_HELP, threadsRequest),
  ).action(async (options) =>
    exit(await run(outputMode(options), (reporter) => embedCommand(options, reporter))),
  );

  withOutput(
    program
      .command('export')
      .description(
        'write a saved model as ONNX and/or PyTorch (model.safetensors + model.py), to serve or to train on at scale',
      )
      .requiredOption('-m, --model <dir>', 'model directory written by train')
      .requiredOption(
        '-o, --out <dir>',
        'output directory (model.onnx, model.safetensors, model.py, export.json)',
      )
      .option('-f, --format <format>', 'onnx | pytorch | all', 'all')
      .option('--no-head', 'export the encoder only (outputs features, not embeddings)')
      .option('--force', 'replace export files already in the output directory'),
  ).action(async (options) =>
    exit(await run(outputMode(options), (reporter) => exportCommand(options, reporter))),
  );

  withOutput(
    program
      .command('report')
      .description('rebuild the HTML report of a run from its results.json')
      .requiredOption('-r, --run <dir>', 'run directory (holds results.json)'),
  ).action(async (options) =>
    exit(await run(outputMode(options), (reporter) => reportCommand(options, reporter))),
  );

  withOutput(
    program
      .command('serve')
      .description(
        'serve a built web app folder (npm run demo builds apps/demo/dist) with COOP/COEP and a Content-Security-Policy',
      )
      .argument('<folder>', 'the static folder to serve (must hold index.html)')
      .option('--host <host>', 'interface to listen on (other machines can reach 0.0.0.0)', '127.0.0.1')
      .option('-p, --port <n>', 'port (0: any free one)', portNumber, 8080),
  ).action(async (folder: string, options) =>
    exit(
      await run(outputMode(options), async (reporter) => {
        const server = await serveCommand(folder, options, reporter);
        await untilSignal();
        await server.close();
      }),
    ),
  );

  program
    .command('plugins')
    .description('list registered plugin ids (all kinds, or one kind)')
    .argument(
      '[kind]',
      'loss | encoder | head | augmentation | strategy | optimizer | schedule | trainer | dataset | metric',
    )
    .action(async (kind?: string) =>
      exit(
        await run('quiet', async (reporter) => {
          reporter.result(listPlugins(createDefaultRegistry(), kind).join('\n'));
        }),
      ),
    );

  program
    .command('datasets')
    .description('list dataset plugins and where the Fashion-MNIST / MNIST files are looked for')
    .action(async () =>
      exit(
        await run('quiet', async (reporter) => {
          reporter.result(describeDatasets(createDefaultRegistry()).join('\n'));
        }),
      ),
    );
  return program;
}
