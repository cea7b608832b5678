import { scatterPlot, scatterPlotSpec } from '../../src';
import { clusteredPoints, countSymbolMarks, FASHION_CLASSES, svgTexts } from '../fixtures';

describe('scatterPlotSpec', () => {
  it('maps labels to class names, keeps the class order as colour domain and rounds float32 noise', () => {
    const spec = scatterPlotSpec(new Float32Array([0.1, 0.2, 3, 4]), new Int32Array([1, 0]), ['cat', 'dog'], { title: 'emb' }) as {
      title: string;
      data: { values: { x: number; y: number; class: string }[] };
      encoding: { color: { scale: { domain: string[] } } };
    };
    expect(spec.title).toBe('emb');
    expect(spec.data.values).toEqual([
      { x: 0.1, y: 0.2, class: 'dog' },
      { x: 3, y: 4, class: 'cat' },
    ]);
    expect(spec.encoding.color.scale.domain).toEqual(['cat', 'dog']);
  });

  it('accepts number[][] and Float32Array [N*2] with the same result', () => {
    const { flat, rows, labels } = clusteredPoints(30);
    expect(scatterPlotSpec(rows, Array.from(labels), FASHION_CLASSES)).toEqual(scatterPlotSpec(flat, labels, FASHION_CLASSES));
  });

  it('rejects bad shapes, lengths and labels with errors naming the argument', () => {
    expect(() => scatterPlotSpec(new Float32Array(3), [0], ['a'])).toThrow(/points must be \[N, 2\].*length 3/);
    expect(() => scatterPlotSpec([[1, 2, 3]], [0], ['a'])).toThrow(/points\[0\] must be an \[x, y\] pair, got length 3/);
    expect(() => scatterPlotSpec([[1, NaN]], [0], ['a'])).toThrow(/points\[0\]\[1\] must be a finite number, got NaN/);
    expect(() => scatterPlotSpec(new Float32Array([1, Infinity]), [0], ['a'])).toThrow(/points\[0\]\[1\] must be finite/);
    expect(() => scatterPlotSpec([[1, 2]], [0, 1], ['a', 'b'])).toThrow(/labels must have one entry per point: expected length 1, got 2/);
    expect(() => scatterPlotSpec([[1, 2]], [2], ['a', 'b'])).toThrow(/labels\[0\] must be an integer in \[0, 2\).*got 2/);
    expect(() => scatterPlotSpec([[1, 2]], [0.5], ['a'])).toThrow(/labels\[0\] must be an integer/);
    expect(() => scatterPlotSpec([[1, 2]], [0], [])).toThrow(/classNames must name at least one class/);
    expect(() => scatterPlotSpec([[1, 2]], [0], ['a', 'a'])).toThrow(/classNames must be distinct, but "a" appears twice/);
    expect(() => scatterPlotSpec([[1, 2]], [0], ['a'], { width: -1 })).toThrow(/options.width must be a positive finite number, got -1/);
    expect(() => scatterPlotSpec([[1, 2]], [0], ['a'], { opacity: 2 })).toThrow(/options.opacity must be in \(0, 1\]/);
  });
});

describe('scatterPlot', () => {
  it('renders one symbol per point and a legend with every class name in order', async () => {
    const { flat, labels } = clusteredPoints(137);
    const { svg, spec } = await scatterPlot(flat, labels, FASHION_CLASSES, { title: 'UMAP', legendTitle: 'garment' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(countSymbolMarks(svg)).toBe(137);
    const texts = svgTexts(svg);
    for (const name of FASHION_CLASSES) expect(texts).toContain(name);
    expect(texts).toEqual(expect.arrayContaining(['UMAP', 'garment', 'dim 1', 'dim 2']));
    // Legend entries keep class-index order.
    const legendOrder = texts.filter((t) => FASHION_CLASSES.includes(t));
    expect(legendOrder).toEqual(FASHION_CLASSES);
    expect(spec.$schema).toMatch(/vega-lite\/v5/);
  });

  it('lists classes absent from the data in the legend too, and escapes class names in the SVG', async () => {
    const { svg } = await scatterPlot([[0, 0], [1, 1]], [0, 0], ['a&b <c>', 'never "seen"']);
    expect(svg).toContain('a&amp;b &lt;c&gt;');
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['a&b <c>', 'never "seen"']));
    expect(countSymbolMarks(svg)).toBe(2);
  });

  it('handles more than 20 classes', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `class ${i}`);
    const labels = Array.from({ length: 50 }, (_, i) => i % 25);
    const points = labels.map((l, i) => [l, i]);
    const { svg } = await scatterPlot(points, labels, names);
    expect(countSymbolMarks(svg)).toBe(50);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['class 0', 'class 24']));
  });
});
