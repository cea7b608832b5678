export interface ExportedOutputs {
  features: Float32Array;
  embeddings?: Float32Array;
}
export function findTorchPython(env?: NodeJS.ProcessEnv): string;
export function runOnnx(
  jobs: Array<{ directory: string; x: Float32Array; inputShape: number[] }>,
): ExportedOutputs[];
export function runTorch(
  jobs: Array<{ directory: string; x: Float32Array; batch: number }>,
): Array<ExportedOutputs & { parameters: number }>;
