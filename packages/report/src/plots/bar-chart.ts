import type { TopLevelSpec } from 'vega-lite';
import { categoricalScheme, compactNumber } from './palette';
import { PLOT_FONT, VEGA_LITE_SCHEMA, type PlotResult, type PlotSizeOptions } from './plot-result';
import { renderVegaLite } from './render-vega-lite';
import { optionalString, requireArray, requireUnique, sizeOption } from './validate';

const FN = 'barChart';

/** One bar of a {@link barChart}. */
export interface Bar {
  /** Category label under the bar (distinct across bars). */
  label: string;
  /** Finite bar height. */
  value: number;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends PlotSizeOptions {
  /** y axis title (default `value`), e.g. `linear-probe accuracy`. */
  yTitle?: string;
  /** x axis title (default none). */
  xTitle?: string;
  /** Fixed y domain `[min, max]`, e.g. `[0, 1]` for accuracies; bars outside are clipped. */
  domain?: [number, number];
  /** d3-format of the value printed above each bar (default `.3f`). */
  valueFormat?: string;
}

/**
 * Bar chart of labelled values, in input order, each bar annotated with its value: the
 * probe-accuracy comparison (contrastive vs cross-entropy vs random encoder).
 *
 * @param bars - at least one `{ label, value }` with distinct labels and finite values.
 * @param options - `title`, `yTitle`, optional fixed `domain`, value format, size.
 * @returns the vega-lite spec and its SVG rendering.
 * @throws Error naming the bar index / option on bad input.
 */
export async function barChart(bars: readonly Bar[], options: BarChartOptions = {}): Promise<PlotResult> {
  const spec = barChartSpec(bars, options);
  return { spec, svg: await renderVegaLite(spec) };
}

/** Builds the vega-lite spec of {@link barChart} without rendering it (same checks). */
export function barChartSpec(bars: readonly Bar[], options: BarChartOptions = {}): TopLevelSpec {
  requireArray<Bar>(FN, 'bars', bars);
  if (bars.length === 0) throw new Error(`${FN}: bars must hold at least one bar, got []`);
  const values = bars.map((b, i) => {
    if (b === null || typeof b !== 'object') throw new Error(`${FN}: bars[${i}] must be { label, value }, got ${String(b)}`);
    if (typeof b.label !== 'string') throw new Error(`${FN}: bars[${i}].label must be a string, got ${typeof b.label}`);
    if (typeof b.value !== 'number' || !Number.isFinite(b.value)) {
      throw new Error(`${FN}: bars[${i}].value ("${b.label}") must be a finite number, got ${String(b.value)}`);
    }
    return { label: b.label, value: compactNumber(b.value) };
  });
  const labels = values.map((v) => v.label);
  requireUnique(FN, 'bar labels', labels);
  const domain = options.domain;
  if (domain !== undefined) {
    if (!Array.isArray(domain) || domain.length !== 2 || !domain.every((d) => typeof d === 'number' && Number.isFinite(d))) {
      throw new Error(`${FN}: options.domain must be [min, max] of finite numbers, got ${JSON.stringify(domain)}`);
    }
    if (!(domain[0] < domain[1])) {
      throw new Error(`${FN}: options.domain must have min < max, got [${domain[0]}, ${domain[1]}]`);
    }
  }
  const valueFormat = optionalString(FN, 'options.valueFormat', options.valueFormat) ?? '.3f';
  const title = optionalString(FN, 'options.title', options.title);
  const xTitle = optionalString(FN, 'options.xTitle', options.xTitle);
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    width: sizeOption(FN, 'options.width', options.width, Math.max(240, 110 * values.length)),
    height: sizeOption(FN, 'options.height', options.height, 260),
    background: 'white',
    data: { values },
    encoding: {
      x: {
        field: 'label',
        type: 'nominal',
        sort: null,
        title: xTitle ?? null,
        axis: { labelAngle: 0, labelLimit: 160 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        title: optionalString(FN, 'options.yTitle', options.yTitle) ?? 'value',
        ...(domain !== undefined ? { scale: { domain: [domain[0], domain[1]] } } : {}),
      },
    },
    layer: [
      {
        mark: { type: 'bar', clip: true },
        encoding: {
          color: { field: 'label', type: 'nominal', scale: { domain: labels, scheme: categoricalScheme(labels.length) }, legend: null },
        },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -3, clip: true },
        encoding: { text: { field: 'value', type: 'quantitative', format: valueFormat } },
      },
    ],
    config: { font: PLOT_FONT },
  };
}
