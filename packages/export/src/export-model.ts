import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import type { ContrastiveModel, ModelManifest } from '@contrastive/encoders';
import { traceContrastiveModel } from './graph/portable-model';
import { ONNX_EMBEDDINGS, ONNX_FEATURES, ONNX_INPUT, ONNX_OPSET, toOnnx } from './onnx/to-onnx';
import { toModelPy } from './pytorch/model-py';
import { encodeSafetensors } from './pytorch/safetensors';
import { stateDictEntries } from './pytorch/state-dict';

/** The formats a model can be exported to. */
export const EXPORT_FORMATS = ['onnx', 'pytorch'] as const;
/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File names inside an export directory. */
export const EXPORT_FILES = {
  onnx: 'model.onnx',
  safetensors: 'model.safetensors',
  modelPy: 'model.py',
  info: 'export.json',
} as const;

/** The files {@link exportModel} writes for `formats`, in the order it writes them. */
export function exportFileNames(formats: readonly ExportFormat[]): string[] {
  return [
    ...(formats.includes('onnx') ? [EXPORT_FILES.onnx] : []),
    ...(formats.includes('pytorch') ? [EXPORT_FILES.safetensors, EXPORT_FILES.modelPy] : []),
    EXPORT_FILES.info,
  ];
}

/** Options of {@link exportModel}. */
export interface ExportOptions {
  /** Default both. */
  formats?: readonly ExportFormat[];
  /** Export the projection head too (outputs features and L2-normalised embeddings). Default true. */
  includeHead?: boolean;
}

/** What {@link exportModel} wrote; also saved as `export.json` beside the files. */
export interface ExportInfo {
  /** What wrote the export. */
  producer: string;
  /** The formats written. */
  formats: ExportFormat[];
  /** Whether the projection head was exported with the encoder. */
  includeHead: boolean;
  /** Input layout of the exported models: `NCHW` for images (`[B, C, H, W]`), `NF` for vectors. */
  inputLayout: 'NCHW' | 'NF';
  /** Per-example input shape in that layout. */
  inputShape: number[];
  /** The tfjs model's per-example input shape (NHWC for images), for feeding the same data. */
  tfjsInputShape: number[];
  /** The ONNX file, its opset and its input and output names. */
  onnx?: { file: string; opset: number; input: string; outputs: string[] };
  /** The PyTorch weights file and module. */
  pytorch?: { weights: string; module: string };
  /** The plugin ids and options the model was built from. */
  manifest: ModelManifest;
  /** Every file written. */
  files: string[];
}

function producer(): string {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return `@contrastive/export ${pkg.version}`;
}

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  await fs.writeFile(temp, data);
  await fs.rename(temp, file);
}

/**
 * Writes `model` to `directory` as ONNX (`model.onnx`) and/or PyTorch (`model.safetensors` +
 * generated `model.py`), plus `export.json` describing the files. Every layer is converted before
 * anything is written, so an unsupported layer (an `UnsupportedLayerError` naming it) leaves no
 * partial export behind.
 */
export async function exportModel(
  model: ContrastiveModel,
  directory: string,
  options: ExportOptions = {},
): Promise<ExportInfo> {
  const formats = [...new Set(options.formats ?? EXPORT_FORMATS)];
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new Error(
      `exportModel: formats must be a non-empty list of ${EXPORT_FORMATS.join(', ')}, got ${JSON.stringify(options.formats)}`,
    );
  }
  const includeHead = options.includeHead ?? true;
  const traced = traceContrastiveModel(model, includeHead);
  const by = producer();
  const outputs: Array<[string, string | Uint8Array]> = [];
  const info: ExportInfo = {
    producer: by,
    formats,
    includeHead,
    inputLayout: model.inputShape.length === 3 ? 'NCHW' : 'NF',
    inputShape: traced.encoder.inputShape,
    tfjsInputShape: [...model.inputShape],
    manifest: traced.manifest,
    files: [],
  };
  if (formats.includes('onnx')) {
    outputs.push([EXPORT_FILES.onnx, toOnnx(traced, by)]);
    info.onnx = {
      file: EXPORT_FILES.onnx,
      opset: ONNX_OPSET,
      input: ONNX_INPUT,
      outputs: includeHead ? [ONNX_FEATURES, ONNX_EMBEDDINGS] : [ONNX_FEATURES],
    };
  }
  if (formats.includes('pytorch')) {
    outputs.push([
      EXPORT_FILES.safetensors,
      encodeSafetensors(stateDictEntries(traced), { format: 'pt', producer: by }),
    ]);
    outputs.push([EXPORT_FILES.modelPy, toModelPy(traced, by)]);
    info.pytorch = { weights: EXPORT_FILES.safetensors, module: EXPORT_FILES.modelPy };
  }
  info.files = exportFileNames(formats);
  await fs.mkdir(directory, { recursive: true });
  for (const [name, data] of outputs) await writeAtomic(path.join(directory, name), data);
  await writeAtomic(path.join(directory, EXPORT_FILES.info), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
