import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildReport } from '../html/build-report';
import type { ReportInput } from '../html/report-input';
import { toPng } from '../png/to-png';
import { writeFilesAtomically, type PendingFile } from './atomic-files';
import { plotFileStems } from './file-stems';

/** Options of {@link writeReport}. */
export interface WriteReportOptions {
  /** Also write a PNG per plot (default true). */
  png?: boolean;
  /** PNG zoom factor (default 2). */
  pngScale?: number;
  /** Receives warnings (missing fonts, a plot that could not be rasterised). Default: `console.warn`. */
  onWarning?: (message: string) => void;
}

/** Paths written by {@link writeReport} (absolute). */
export interface WrittenReport {
  /** The directory holding everything. */
  dir: string;
  /** `<dir>/report.html`, the self-contained page. */
  html: string;
  /** One SVG per plot, in plot order. */
  svg: string[];
  /** One PNG per plot that could be rasterised (empty when `png: false`). */
  png: string[];
  /** Warnings raised while writing (also passed to `onWarning`). */
  warnings: string[];
}

/**
 * Writes the report: `report.html` (from {@link buildReport}) plus `<stem>.svg` and `<stem>.png`
 * per plot into `dir` (created if missing). Files are written atomically, `report.html` last, so a
 * reader never sees a half-written file and a present report.html implies its plot files exist.
 * A plot that cannot be rasterised only costs its PNG (with a warning), never the report.
 *
 * @param dir - output directory.
 * @param report - the report content.
 * @param options - PNG output and warning sink.
 * @returns the absolute paths written.
 * @throws Error from {@link buildReport} on malformed input (before anything is written), or an I/O error.
 */
export async function writeReport(dir: string, report: ReportInput, options: WriteReportOptions = {}): Promise<WrittenReport> {
  if (typeof dir !== 'string' || dir.length === 0) throw new Error(`writeReport: dir must be a non-empty path string, got ${JSON.stringify(dir)}`);
  const html = buildReport(report);
  const stems = plotFileStems(report.plots);
  const outDir = resolve(dir);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    (options.onWarning ?? ((m: string) => console.warn(`[@contrastive/report] ${m}`)))(message);
  };
  const files: PendingFile[] = [];
  const svgPaths: string[] = [];
  const pngPaths: string[] = [];
  let fontWarned = false;
  report.plots.forEach((plot, i) => {
    const svgPath = join(outDir, `${stems[i]}.svg`);
    files.push({ path: svgPath, data: plot.svg });
    svgPaths.push(svgPath);
    if (options.png === false) return;
    try {
      const png = toPng(plot.svg, {
        scale: options.pngScale,
        onWarning: (m) => {
          if (!fontWarned) warn(m);
          fontWarned = true;
        },
      });
      const pngPath = join(outDir, `${stems[i]}.png`);
      files.push({ path: pngPath, data: png });
      pngPaths.push(pngPath);
    } catch (err) {
      warn(`could not rasterise plot "${plot.title}" to PNG (${(err as Error).message}); its SVG is still written`);
    }
  });
  const htmlPath = join(outDir, 'report.html');
  files.push({ path: htmlPath, data: html });
  await mkdir(outDir, { recursive: true });
  await writeFilesAtomically(files);
  return { dir: outDir, html: htmlPath, svg: svgPaths, png: pngPaths, warnings };
}
