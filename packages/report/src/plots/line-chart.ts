import type { TopLevelSpec } from 'vega-lite';
import { categoricalScheme, compactNumber } from './palette';
import { PLOT_FONT, VEGA_LITE_SCHEMA, type PlotResult, type PlotSizeOptions } from './plot-result';
import { renderVegaLite } from './render-vega-lite';
import { optionalString, requireArray, requireUnique, sizeOption } from './validate';

const FN = 'lineChart';

/** One named curve of a {@link lineChart}. */
export interface LineSeries {
  /** Legend entry (distinct across series). */
  name: string;
  /** Points in drawing order; `x` finite, `y` may be NaN/±Infinity (drawn as a gap, e.g. a diverged loss). */
  points: { x: number; y: number }[];
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends PlotSizeOptions {
  /** x axis title (default `x`), e.g. `epoch` or `step`. */
  xTitle?: string;
  /** y axis title (default `y`), e.g. `loss` or `learning rate`. */
  yTitle?: string;
  /** Log-scale y axis (non-positive y values are then dropped). Default false. */
  logY?: boolean;
}

/**
 * Line chart of one or more named series, e.g. training loss per epoch or the learning-rate
 * schedule per step, with a legend of series names.
 *
 * @param series - at least one series with distinct names; each with at least one point.
 * @param options - `xTitle`, `yTitle`, `title`, size and `logY`.
 * @returns the vega-lite spec and its SVG rendering.
 * @throws Error naming the series / point index on a missing name, non-finite x or empty series.
 */
export async function lineChart(series: readonly LineSeries[], options: LineChartOptions = {}): Promise<PlotResult> {
  const spec = lineChartSpec(series, options);
  return { spec, svg: await renderVegaLite(spec) };
}

/** Builds the vega-lite spec of {@link lineChart} without rendering it (same checks). */
export function lineChartSpec(series: readonly LineSeries[], options: LineChartOptions = {}): TopLevelSpec {
  requireArray<LineSeries>(FN, 'series', series);
  if (series.length === 0) throw new Error(`${FN}: series must hold at least one series, got []`);
  const names: string[] = [];
  const values: { series: string; x: number; y: number | null }[] = [];
  let longest = 0;
  series.forEach((s, i) => {
    if (s === null || typeof s !== 'object') throw new Error(`${FN}: series[${i}] must be { name, points }, got ${String(s)}`);
    if (typeof s.name !== 'string') throw new Error(`${FN}: series[${i}].name must be a string, got ${typeof s.name}`);
    const points = requireArray<{ x: number; y: number }>(FN, `series[${i}].points`, s.points);
    if (points.length === 0) throw new Error(`${FN}: series[${i}] ("${s.name}") has no points; expected at least 1`);
    names.push(s.name);
    longest = Math.max(longest, points.length);
    points.forEach((p, j) => {
      if (p === null || typeof p !== 'object' || typeof p.x !== 'number' || !Number.isFinite(p.x)) {
        throw new Error(`${FN}: series[${i}].points[${j}].x must be a finite number, got ${p === null || typeof p !== 'object' ? String(p) : String(p.x)}`);
      }
      if (typeof p.y !== 'number') {
        throw new Error(`${FN}: series[${i}].points[${j}].y must be a number, got ${typeof p.y}`);
      }
      // Non-finite y becomes null, which vega-lite filters out: the curve shows a gap instead of failing.
      values.push({ series: s.name, x: compactNumber(p.x), y: Number.isFinite(p.y) ? compactNumber(p.y) : null });
    });
  });
  requireUnique(FN, 'series names', names);
  const logY = options.logY ?? false;
  if (typeof logY !== 'boolean') throw new Error(`${FN}: options.logY must be a boolean, got ${typeof logY}`);
  const title = optionalString(FN, 'options.title', options.title);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    width: sizeOption(FN, 'options.width', options.width, 480),
    height: sizeOption(FN, 'options.height', options.height, 260),
    background: 'white',
    data: { values },
    // Markers only when curves are short enough that they help (a 1-point series is otherwise invisible).
    mark: { type: 'line', strokeWidth: 2, point: longest <= 40 ? { filled: true, size: 30 } : false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: optionalString(FN, 'options.xTitle', options.xTitle) ?? 'x', scale: { zero: false, nice: false } },
      y: {
        field: 'y',
        type: 'quantitative',
        title: optionalString(FN, 'options.yTitle', options.yTitle) ?? 'y',
        scale: logY ? { type: 'log' } : { zero: false },
      },
      color: {
        field: 'series',
        type: 'nominal',
        scale: { domain: names, scheme: categoricalScheme(names.length) },
        legend: { title: null },
      },
      order: { field: 'x', type: 'quantitative' },
    },
    config: { font: PLOT_FONT },
  };
}
