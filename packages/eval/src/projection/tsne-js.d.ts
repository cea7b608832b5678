// Minimal typings for tsne-js 1.x (the package ships none).
declare module 'tsne-js' {
  interface TsneConfig {
    dim?: number;
    perplexity?: number;
    earlyExaggeration?: number;
    learningRate?: number;
    nIter?: number;
    metric?: string;
  }
  class TSNE {
    constructor(config?: TsneConfig);
    init(options: { data: number[][]; type: 'dense' | 'sparse' }): void;
    run(): [number, number];
    getOutput(): number[][];
    outputEmbedding: { data: Float64Array; shape: number[] };
  }
  export default TSNE;
}
