import { barChart, buildReport, REPORT_CSP, type ReportInput } from '../../src';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><defs><clipPath id="clip1"><rect/></clipPath></defs><rect clip-path="url(#clip1)"/></svg>';

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'SupCon on Fashion-MNIST',
    config: { loss: { id: 'supcon', temperature: 0.1 } },
    backend: 'wasm',
    timings: { pretraining: 300.5, probes: 12 },
    metrics: [
      { encoder: 'SupCon', 'probe accuracy': 0.8612345 },
      { encoder: 'random', 'probe accuracy': 0.7, 'P@1': 0.5 },
    ],
    plots: [{ title: 'loss', svg: SVG }],
    generatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

describe('buildReport', () => {
  it('produces one self-contained HTML document: CSP, inline style, no scripts or external references', () => {
    const html = buildReport(input());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`content="${REPORT_CSP.replace(/'/g, '&#39;')}"`);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|src=|https?:\/\/(?!www\.w3\.org)/);
    expect(html).toContain('<b class="backend">wasm</b>');
    expect(html).toContain('2026-01-01T00:00:00Z');
  });

  it('escapes every user string: title, backend, config, metric keys/values, plot titles, notes', () => {
    const evil = '<img src=x onerror=alert(1)>&"\'';
    const html = buildReport(
      input({
        title: evil,
        backend: evil,
        config: { [evil]: evil },
        metrics: [{ [evil]: evil }],
        timings: { [evil]: 1 },
        plots: [{ title: evil, description: evil, svg: SVG }],
        notes: [evil, evil],
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('onerror=alert(1)>');
    const escaped = '&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;';
    // title tag, h1, backend, metric header + cell, timing label, plot caption + description, 2 notes
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(10);
  });

  it('builds the metrics table from the union of row keys, formatting numbers', () => {
    const html = buildReport(input());
    expect(html).toMatch(/<th scope="col">encoder<\/th><th scope="col">probe accuracy<\/th><th scope="col">P@1<\/th>/);
    expect(html).toContain('<td class="num">0.8612</td>');
    expect(html).toMatch(/<tr><td>SupCon<\/td><td class="num">0.8612<\/td><td><\/td><\/tr>/);
    expect(html).toContain('5 min 13 s'); // total of 300.5 s + 12 s
  });

  it('inlines each plot with ids made unique per plot', async () => {
    const bars = await barChart([{ label: 'a', value: 0.5 }], { domain: [0, 1] });
    const html = buildReport(input({ plots: [{ title: 'one', svg: SVG }, { title: 'two', svg: SVG }, { title: 'bars', svg: bars.svg }] }));
    expect(html.match(/<figure class="plot"/g)).toHaveLength(3);
    expect(html).toContain('id="plot0-clip1"');
    expect(html).toContain('id="plot1-clip1"');
    expect(html).toContain('url(#plot1-clip1)');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects malformed input naming the field', () => {
    expect(() => buildReport(input({ title: 3 as unknown as string }))).toThrow(/buildReport: title must be a string, got number/);
    expect(() => buildReport(input({ config: null as unknown as object }))).toThrow(/config must be an object, got null/);
    expect(() => buildReport(input({ timings: { probe: -1 } }))).toThrow(/timings\["probe"\] must be a finite number of seconds >= 0, got -1/);
    expect(() => buildReport(input({ metrics: {} as unknown as [] }))).toThrow(/metrics must be an array/);
    expect(() => buildReport(input({ plots: [{ title: 'x', svg: '<svg><script/></svg>' }] }))).toThrow(/plots\[0\]\.svg contains a <script> element/);
    expect(() => buildReport(input({ plots: [{ title: 'x' } as unknown as { title: string; svg: string }] }))).toThrow(/plots\[0\]\.svg must be an SVG string/);
    expect(() => buildReport(input({ notes: [1] as unknown as string[] }))).toThrow(/notes must be a string or an array of strings/);
    expect(() => buildReport(input({ generatedAt: new Date('nope') }))).toThrow(/generatedAt must be a valid Date/);
  });

  it('shows placeholders for empty metrics, plots and timings, and omits empty notes', () => {
    const html = buildReport(input({ metrics: [], plots: [], timings: {} }));
    expect(html).toContain('No metrics recorded.');
    expect(html).toContain('No plots.');
    expect(html).toContain('No timings recorded.');
    expect(html).not.toContain('id="notes"');
  });
});
