/**
 * @contrastive/report: plots rendered without a browser (vega-lite → SVG → PNG) and a single
 * self-contained HTML report for contrastive experiments. Node only.
 * @packageDocumentation
 */
export { renderVegaLite } from './plots/render-vega-lite';
export { PLOT_FONT, type PlotResult, type PlotSizeOptions } from './plots/plot-result';
export { scatterPlot, scatterPlotSpec, type Points2D, type ScatterPlotOptions } from './plots/scatter-plot';
export { lineChart, lineChartSpec, type LineChartOptions, type LineSeries } from './plots/line-chart';
export { barChart, barChartSpec, type Bar, type BarChartOptions } from './plots/bar-chart';
export { toPng, rasterize, defaultFontSetup, type RasterImage, type ToPngOptions } from './png/to-png';
export { resolveFontSetup, NO_FONT_WARNING, type FontSetup, type FontSource } from './png/font-setup';
export { pngSize, PNG_SIGNATURE } from './png/png-size';
export { escapeHtml } from './html/escape';
export { buildReport, REPORT_CSP } from './html/build-report';
export type { MetricRow, MetricValue, ReportInput, ReportPlot } from './html/report-input';
export { writeReport, type WriteReportOptions, type WrittenReport } from './io/write-report';
