import { promises as fs } from 'fs';
import * as path from 'path';
import { useBackend } from '@contrastive/backend';
import { loadModelFromDirectory } from '@contrastive/encoders/node';
import {
  EXPORT_FORMATS,
  exportFileNames,
  exportModel,
  UnsupportedLayerError,
  type ExportFormat,
} from '@contrastive/export';
import { CliError, EXIT } from '../cli-error';
import { checkOutputDirectory, checkOutputFiles } from '../output/check-output-files';
import type { ConsoleReporter } from '../output/console-reporter';

export interface ExportCommandOptions {
  model: string;
  out: string;
  /** `onnx`, `pytorch` or `all`. */
  format: string;
  /** commander's `--no-head`: false exports the encoder only. */
  head: boolean;
  /** Replace export files already in `out`. */
  force?: boolean;
}

const CHOICES = [...EXPORT_FORMATS, 'all'];

/** `contrastive export`: a saved model to ONNX and/or PyTorch (safetensors + model.py). */
export async function exportCommand(
  options: ExportCommandOptions,
  reporter: ConsoleReporter,
): Promise<number> {
  if (!CHOICES.includes(options.format)) {
    throw new CliError(`--format must be one of ${CHOICES.join(', ')}, got '${options.format}'`, EXIT.usage);
  }
  const formats: ExportFormat[] =
    options.format === 'all' ? [...EXPORT_FORMATS] : [options.format as ExportFormat];
  await checkOutputDirectory(options.out);
  await checkOutputFiles(
    exportFileNames(formats).map((file) => path.join(options.out, file)),
    options.force,
  );
  try {
    await fs.access(path.join(options.model, 'model.json'));
  } catch {
    throw new CliError(
      `no model at ${options.model}: model.json not found (train writes it to <out>/model)`,
      EXIT.data,
    );
  }
  // Reading weights needs no speed: the cpu backend keeps export free of native or wasm set-up.
  await useBackend('cpu', { quiet: true });
  const model = await loadModelFromDirectory(options.model);
  try {
    const info = await exportModel(model, options.out, { formats, includeHead: options.head });
    const files = info.files.map((file) => path.join(options.out, file));
    reporter.result(
      `exported ${options.model} (${info.manifest.encoder?.id ?? 'encoder'}${info.includeHead ? ` + ${info.manifest.head?.id ?? 'head'} head` : ', no head'}; input ${info.inputLayout} [${info.inputShape.join(', ')}]) to ${files.join(', ')}`,
      {
        files,
        formats: info.formats,
        includeHead: info.includeHead,
        inputLayout: info.inputLayout,
        inputShape: info.inputShape,
      },
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UnsupportedLayerError)
      throw new CliError(`${options.model}: ${error.message}`, EXIT.data);
    throw error;
  } finally {
    model.dispose();
  }
}
