import type { TopLevelSpec } from 'vega-lite';

/** What every plot function returns: the vega-lite spec it built and the SVG rendered from it. */
export interface PlotResult {
  /** The vega-lite 5 spec (inline data), e.g. to re-render it elsewhere or save it as JSON. */
  spec: TopLevelSpec;
  /** The rendered SVG document (no XML prolog). Rasterise it with `toPng(svg)`. */
  svg: string;
}

/** Size and title options shared by every plot. */
export interface PlotSizeOptions {
  /** Title drawn above the plot. */
  title?: string;
  /** Width of the data rectangle in px (axes and legend come on top). */
  width?: number;
  /** Height of the data rectangle in px. */
  height?: number;
}

/** The schema URL vega-lite specs carry (an identifier only: it is never fetched). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Fonts every plot asks for; `toPng` maps `sans-serif` to DejaVu Sans, browsers use their own. */
export const PLOT_FONT = 'DejaVu Sans, Verdana, sans-serif';
