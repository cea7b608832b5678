import { renderVegaLite } from '../../src';

describe('renderVegaLite', () => {
  it('renders an inline-data spec to SVG', async () => {
    const svg = await renderVegaLite({
      data: { values: [{ a: 'x', b: 1 }] },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    });
    expect(svg).toMatch(/^<svg[^>]*width="\d+"/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('refuses to load data from a URL (no network or disk access)', async () => {
    await expect(
      renderVegaLite({ data: { url: 'https://example.invalid/data.json' }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }),
    ).rejects.toThrow(/not allowed/);
  });
});
