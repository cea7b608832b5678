/** A plot to show in the report. */
export interface ReportPlot {
  /** Caption above the plot. */
  title: string;
  /** Static SVG (from `scatterPlot`, `lineChart`, `barChart` or `renderVegaLite`). */
  svg: string;
  /** Optional second caption line (what the plot shows, how it was made). */
  description?: string;
  /** File stem used by `writeReport` (default: derived from the title), e.g. `tsne` → tsne.svg / tsne.png. */
  file?: string;
}

/** A cell of the metrics table: numbers are formatted, null/undefined show as empty. */
export type MetricValue = string | number | boolean | null | undefined;

/** One row of the metrics table; columns are the union of the rows' keys in first-seen order. */
export type MetricRow = Record<string, MetricValue>;

/** Everything a report shows. All strings are HTML-escaped by `buildReport`. */
export interface ReportInput {
  /** Page title and heading. */
  title: string;
  /** The experiment config (any JSON-like object), shown pretty-printed. */
  config: object;
  /** TensorFlow.js backend the run used, e.g. `wasm`. */
  backend: string;
  /** Named durations in seconds, e.g. `{ pretraining: 312.4, 'linear probe': 20.1 }`. */
  timings: Record<string, number>;
  /** Metrics table rows, e.g. `{ encoder: 'SupCon', 'probe accuracy': 0.86, 'P@1': 0.81 }`. */
  metrics: MetricRow[];
  /** Plots, shown in order. */
  plots: ReportPlot[];
  /** Free-text notes: one paragraph per string. */
  notes?: string | string[];
  /** Time stamp printed in the header (default: now). */
  generatedAt?: Date | string;
}
