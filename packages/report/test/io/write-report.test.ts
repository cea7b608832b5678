import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineChart, pngSize, writeReport, type ReportInput } from '../../src';
import { writeFilesAtomically } from '../../src/io/atomic-files';
import { lossCurve } from '../fixtures';

let work: string;
let svg: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-write-'));
  svg = (await lineChart([{ name: 'loss', points: lossCurve(5) }], { width: 120, height: 80 })).svg;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function report(over: Partial<ReportInput> = {}): ReportInput {
  return {
    title: 'run',
    config: {},
    backend: 'cpu',
    timings: { total: 1 },
    metrics: [],
    plots: [
      { title: 'Training loss', svg },
      { title: 'Training loss', svg },
      { title: '***', svg, file: 'lr' },
    ],
    ...over,
  };
}

describe('writeReport', () => {
  it('writes report.html plus one SVG and PNG per plot, with distinct file names', async () => {
    const dir = join(work, 'a', 'nested');
    const warnings: string[] = [];
    const out = await writeReport(dir, report(), { onWarning: (m) => warnings.push(m) });
    expect(out.html).toBe(join(dir, 'report.html'));
    expect(out.svg).toEqual(['training-loss.svg', 'training-loss-2.svg', 'lr.svg'].map((f) => join(dir, f)));
    expect(out.png).toEqual(['training-loss.png', 'training-loss-2.png', 'lr.png'].map((f) => join(dir, f)));
    expect(readFileSync(out.svg[0], 'utf8')).toBe(svg);
    expect(pngSize(readFileSync(out.png[2])).width).toBeGreaterThan(200);
    expect(readFileSync(out.html, 'utf8')).toContain('<title>run</title>');
    expect(readdirSync(dir).sort()).toEqual(['lr.png', 'lr.svg', 'report.html', 'training-loss-2.png', 'training-loss-2.svg', 'training-loss.png', 'training-loss.svg']);
    expect(warnings).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('skips PNGs on request and overwrites an existing report', async () => {
    const dir = join(work, 'b');
    await writeReport(dir, report({ title: 'first' }), { png: false });
    const out = await writeReport(dir, report({ title: 'second', plots: [] }), { png: false });
    expect(out.png).toEqual([]);
    expect(readFileSync(out.html, 'utf8')).toContain('<title>second</title>');
  });

  it('validates before writing anything', async () => {
    const dir = join(work, 'c');
    await expect(writeReport(dir, report({ backend: 1 as unknown as string }))).rejects.toThrow(/backend must be a string/);
    await expect(writeReport(dir, report({ plots: [{ title: 'x', svg, file: '../escape' }] }))).rejects.toThrow(/plots\[0\]\.file must be a plain file stem/);
    await expect(writeReport(dir, report({ plots: [{ title: 'x', svg, file: 'report' }] }))).rejects.toThrow(/not "report"/);
    await expect(writeReport('', report())).rejects.toThrow(/dir must be a non-empty path/);
    expect(existsSync(dir)).toBe(false);
  });

  it('is atomic: when a file cannot be committed, no temp files remain and the old report.html is untouched', async () => {
    const dir = join(work, 'd');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.html'), 'old report');
    mkdirSync(join(dir, 'lr.svg')); // a directory where a plot file must go: its rename fails
    await expect(writeReport(dir, report({ plots: [{ title: 'Loss', svg }, { title: 'LR', svg, file: 'lr' }] }), { png: false })).rejects.toThrow();
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('old report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('warns (does not throw) when a plot cannot be rasterised, and still writes its SVG', async () => {
    const dir = join(work, 'e');
    const warnings: string[] = [];
    const broken = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"</svg>';
    const out = await writeReport(dir, report({ plots: [{ title: 'broken', svg: broken }, { title: 'ok', svg }] }), { onWarning: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not rasterise plot "broken" to PNG/);
    expect(out.svg).toHaveLength(2);
    expect(out.png).toEqual([join(dir, 'ok.png')]);
  });
});

describe('writeFilesAtomically', () => {
  it('writes all files and leaves no temporaries', async () => {
    const dir = join(work, 'f');
    mkdirSync(dir);
    await writeFilesAtomically([
      { path: join(dir, 'a.txt'), data: 'A' },
      { path: join(dir, 'b.bin'), data: Uint8Array.of(1, 2, 3) },
    ]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('A');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('cleans up temporaries when a write fails midway', async () => {
    const dir = join(work, 'g');
    mkdirSync(dir);
    await expect(
      writeFilesAtomically([
        { path: join(dir, 'a.txt'), data: 'A' },
        { path: join(dir, 'missing-dir', 'b.txt'), data: 'B' },
      ]),
    ).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
