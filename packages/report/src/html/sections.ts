import { embedSvg } from './embed-svg';
import { escapeHtml } from './escape';
import { formatDuration, formatValue, stringifyConfig } from './format';
import type { MetricRow, ReportPlot } from './report-input';

/** `<section>` with a heading; `body` is already-safe HTML. */
export function section(id: string, heading: string, body: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

/** The metrics table: one column per distinct key (first-seen order), numbers right-aligned. */
export function metricsTable(rows: readonly MetricRow[]): string {
  if (rows.length === 0) return '<p class="empty">No metrics recorded.</p>';
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const head = columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = columns.map((c) => {
        const v = row[c];
        const cls = typeof v === 'number' ? ' class="num"' : '';
        return `<td${cls}>${escapeHtml(formatValue(v))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="metrics"><thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** The timings table with a total row. */
export function timingsTable(timings: Record<string, number>): string {
  const entries = Object.entries(timings);
  if (entries.length === 0) return '<p class="empty">No timings recorded.</p>';
  const rows = entries.map(([k, s]) => `<tr><td>${escapeHtml(k)}</td><td class="num">${escapeHtml(formatDuration(s))}</td></tr>`);
  const total = entries.reduce((acc, [, s]) => acc + s, 0);
  rows.push(`<tr><th scope="row">total</th><th class="num">${escapeHtml(formatDuration(total))}</th></tr>`);
  return `<table class="timings"><thead><tr><th scope="col">stage</th><th scope="col">wall time</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** The plots grid: each plot a `<figure>` with its caption and its inline, id-scoped SVG. */
export function plotsGrid(plots: readonly ReportPlot[]): string {
  if (plots.length === 0) return '<p class="empty">No plots.</p>';
  const figures = plots.map((p, i) => {
    const svg = embedSvg(p.svg, `plot${i}-`, `plots[${i}].svg`);
    const desc = p.description !== undefined ? `<small>${escapeHtml(p.description)}</small>` : '';
    return `<figure class="plot" id="plot-${i}"><figcaption>${escapeHtml(p.title)}${desc}</figcaption>\n${svg}\n</figure>`;
  });
  return `<div class="plots">\n${figures.join('\n')}\n</div>`;
}

/** The config, pretty-printed JSON in a `<pre>`. */
export function configBlock(config: unknown): string {
  return `<pre class="config">${escapeHtml(stringifyConfig(config))}</pre>`;
}

/** Notes as escaped paragraphs. */
export function notesBlock(notes: readonly string[]): string {
  return `<div class="notes">${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')}</div>`;
}
