import { barChart, pngSize, PNG_SIGNATURE, rasterize, resolveFontSetup, scatterPlot, toPng } from '../../src';
import { FASHION_CLASSES } from '../fixtures';

const TEXT_ONLY = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="8" y="28" font-family="sans-serif" font-size="20">Legend</text></svg>';

/** Number of pixels darker than mid-grey. */
function darkPixels(pixels: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 384) n++;
  return n;
}

describe('toPng', () => {
  it('writes a PNG (magic bytes) scaled 2x by default', async () => {
    const { svg } = await barChart([{ label: 'a', value: 1 }], { width: 200, height: 100 });
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const svgHeight = Number(/height="(\d+)"/.exec(svg)?.[1]);
    const png = toPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    expect(pngSize(png)).toEqual({ width: 2 * svgWidth, height: 2 * svgHeight });
    expect(pngSize(toPng(svg, { scale: 1 }))).toEqual({ width: svgWidth, height: svgHeight });
  });

  it('renders text with the bundled DejaVu font (axis labels and legends are not blank)', () => {
    const setup = resolveFontSetup();
    expect(setup.source).toBe('package');
    expect(setup.fontFiles.some((f) => f.endsWith('DejaVuSans.ttf'))).toBe(true);
    const image = rasterize(TEXT_ONLY, { scale: 1 });
    expect(image.width).toBe(200);
    expect(darkPixels(image.pixels)).toBeGreaterThan(150);
  });

  it('draws legend text in a scatter plot PNG: the legend area has ink only when fonts are loaded', async () => {
    const { svg } = await scatterPlot([[0, 0], [1, 1]], [0, 1], FASHION_CLASSES.slice(0, 2), { width: 100, height: 100 });
    const withFont = rasterize(svg, { scale: 1 });
    // The same SVG with the text removed: the difference is the text's ink.
    const noText = rasterize(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''), { scale: 1 });
    expect(darkPixels(withFont.pixels) - darkPixels(noText.pixels)).toBeGreaterThan(300);
  });

  it('degrades without fonts: still a PNG, with a warning naming the fix instead of a crash', () => {
    const setup = resolveFontSetup(undefined, () => undefined, ['/nonexistent-font-dir']);
    expect(setup.source).toBe('none');
    expect(setup.warning).toMatch(/no font files found.*dejavu-fonts-ttf.*fonts-dejavu-core/);
    const warnings: string[] = [];
    const image = rasterize(TEXT_ONLY, { scale: 1, fonts: setup, onWarning: (m) => warnings.push(m) });
    expect(pngSize(image.png)).toEqual({ width: 200, height: 40 });
    expect(darkPixels(image.pixels)).toBe(0); // what the warning is about: the text is missing
    expect(warnings).toEqual([setup.warning]);
  });

  it('uses explicit font files and rejects missing ones', () => {
    const dejavu = resolveFontSetup().fontFiles[0];
    const warnings: string[] = [];
    const image = rasterize(TEXT_ONLY, { scale: 1, fontFiles: [dejavu], onWarning: (m) => warnings.push(m) });
    expect(darkPixels(image.pixels)).toBeGreaterThan(150);
    expect(warnings).toEqual([]);
    expect(() => toPng(TEXT_ONLY, { fontFiles: ['/no/such/font.ttf'] })).toThrow(/fontFiles\[0\] must be an existing font file/);
  });

  it('falls back to system fonts when the npm font package is missing', () => {
    const setup = resolveFontSetup(undefined, () => undefined);
    // This machine may or may not have system fonts; either way the result is coherent.
    if (setup.source === 'system') expect(setup.loadSystemFonts).toBe(true);
    else expect(setup.source).toBe('none');
  });

  it('rejects non-SVG input and bad scales', () => {
    expect(() => toPng('<html></html>')).toThrow(/svg must be an SVG document string/);
    expect(() => toPng(42 as unknown as string)).toThrow(/got number/);
    expect(() => toPng(TEXT_ONLY, { scale: 0 })).toThrow(/options.scale must be a number in \(0, 16\], got 0/);
  });
});

describe('pngSize', () => {
  it('rejects bytes that are not a PNG', () => {
    expect(() => pngSize(new Uint8Array(30))).toThrow(/PNG signature/);
  });
});
