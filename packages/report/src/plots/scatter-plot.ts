import type { TopLevelSpec } from 'vega-lite';
import { categoricalScheme, compactNumber } from './palette';
import { PLOT_FONT, VEGA_LITE_SCHEMA, type PlotResult, type PlotSizeOptions } from './plot-result';
import { renderVegaLite } from './render-vega-lite';
import { optionalString, requireArray, requireUnique, sizeOption } from './validate';

const FN = 'scatterPlot';

/** Points of a 2-D embedding: a row-major `[N, 2]` typed array (length 2N) or N pairs. */
export type Points2D = Float32Array | Float64Array | ArrayLike<number>[];

/** Options of {@link scatterPlot}. */
export interface ScatterPlotOptions extends PlotSizeOptions {
  /** x axis title (default `dim 1`). */
  xTitle?: string;
  /** y axis title (default `dim 2`). */
  yTitle?: string;
  /** Legend title (default `class`). */
  legendTitle?: string;
  /** Marker area in px² (default 30 below 2000 points, 12 above). */
  pointSize?: number;
  /** Marker opacity in (0, 1] (default 0.75). */
  opacity?: number;
}

/**
 * Scatter plot of a 2-D embedding (t-SNE / UMAP output) coloured by class, with a legend that
 * lists every class name in `classNames` order.
 *
 * @param points - `[N, 2]` coordinates: a typed array of length 2N (row-major) or N `[x, y]` pairs; finite.
 * @param labels - N integer class indices in `[0, classNames.length)`.
 * @param classNames - distinct display names, indexed by label.
 * @param options - title, size, axis and legend titles, marker size.
 * @returns the vega-lite spec and its SVG rendering.
 * @throws Error naming the argument when shapes, lengths or label ranges do not match.
 */
export async function scatterPlot(
  points: Points2D,
  labels: Int32Array | ArrayLike<number>,
  classNames: readonly string[],
  options: ScatterPlotOptions = {},
): Promise<PlotResult> {
  const spec = scatterPlotSpec(points, labels, classNames, options);
  return { spec, svg: await renderVegaLite(spec) };
}

/** Builds the vega-lite spec of {@link scatterPlot} without rendering it (same checks). */
export function scatterPlotSpec(
  points: Points2D,
  labels: Int32Array | ArrayLike<number>,
  classNames: readonly string[],
  options: ScatterPlotOptions = {},
): TopLevelSpec {
  const coords = flattenPoints(points);
  const n = coords.length / 2;
  requireArray<string>(FN, 'classNames', classNames);
  if (classNames.length === 0) throw new Error(`${FN}: classNames must name at least one class, got []`);
  classNames.forEach((name, i) => {
    if (typeof name !== 'string') throw new Error(`${FN}: classNames[${i}] must be a string, got ${typeof name}`);
  });
  requireUnique(FN, 'classNames', classNames);
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new Error(`${FN}: labels must be an Int32Array or number[], got ${labels === null ? 'null' : typeof labels}`);
  }
  if (labels.length !== n) {
    throw new Error(`${FN}: labels must have one entry per point: expected length ${n}, got ${labels.length}`);
  }
  const values = new Array<{ x: number; y: number; class: string }>(n);
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classNames.length) {
      throw new Error(
        `${FN}: labels[${i}] must be an integer in [0, ${classNames.length}) (classNames.length), got ${label}`,
      );
    }
    values[i] = { x: compactNumber(coords[2 * i]), y: compactNumber(coords[2 * i + 1]), class: classNames[label] };
  }
  const title = optionalString(FN, 'options.title', options.title);
  const pointSize = sizeOption(FN, 'options.pointSize', options.pointSize, n > 2000 ? 12 : 30);
  const opacity = sizeOption(FN, 'options.opacity', options.opacity, 0.75);
  if (opacity > 1) throw new Error(`${FN}: options.opacity must be in (0, 1], got ${opacity}`);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    width: sizeOption(FN, 'options.width', options.width, 420),
    height: sizeOption(FN, 'options.height', options.height, 420),
    background: 'white',
    data: { values },
    mark: { type: 'point', filled: true, size: pointSize, opacity },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: optionalString(FN, 'options.xTitle', options.xTitle) ?? 'dim 1', scale: { zero: false, nice: true } },
      y: { field: 'y', type: 'quantitative', title: optionalString(FN, 'options.yTitle', options.yTitle) ?? 'dim 2', scale: { zero: false, nice: true } },
      color: {
        field: 'class',
        type: 'nominal',
        scale: { domain: [...classNames], scheme: categoricalScheme(classNames.length) },
        legend: { title: optionalString(FN, 'options.legendTitle', options.legendTitle) ?? 'class', symbolOpacity: 1 },
      },
    },
    config: { font: PLOT_FONT },
  };
}

/** Validates `points` and returns them as a flat row-major array of length 2N. */
function flattenPoints(points: Points2D): ArrayLike<number> {
  if (points instanceof Float32Array || points instanceof Float64Array) {
    if (points.length % 2 !== 0) {
      throw new Error(`${FN}: points must be [N, 2] row-major (even length), got a typed array of length ${points.length}`);
    }
    for (let i = 0; i < points.length; i++) {
      if (!Number.isFinite(points[i])) {
        throw new Error(`${FN}: points[${i >> 1}][${i & 1}] must be finite, got ${points[i]}`);
      }
    }
    return points;
  }
  if (!Array.isArray(points)) {
    throw new Error(`${FN}: points must be a Float32Array [N*2] or number[N][2], got ${points === null ? 'null' : typeof points}`);
  }
  const flat = new Float64Array(points.length * 2);
  points.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || row.length !== 2) {
      throw new Error(`${FN}: points[${i}] must be an [x, y] pair, got ${row === null || typeof row !== 'object' ? String(row) : `length ${row.length}`}`);
    }
    for (let j = 0; j < 2; j++) {
      if (typeof row[j] !== 'number' || !Number.isFinite(row[j])) {
        throw new Error(`${FN}: points[${i}][${j}] must be a finite number, got ${String(row[j])}`);
      }
      flat[2 * i + j] = row[j];
    }
  });
  return flat;
}
