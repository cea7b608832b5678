import { barChart, barChartSpec } from '../../src';
import { svgTexts } from '../fixtures';

const BARS = [
  { label: 'SupCon', value: 0.853 },
  { label: 'Cross-entropy', value: 0.871 },
  { label: 'Random encoder', value: 0.7125 },
];

describe('barChartSpec', () => {
  it('keeps input order, applies the domain and the value format', () => {
    const spec = barChartSpec(BARS, { title: 'acc', yTitle: 'accuracy', domain: [0, 1], valueFormat: '.1%' }) as unknown as {
      data: { values: unknown[] };
      encoding: { x: { sort: null }; y: { title: string; scale: { domain: number[] } } };
      layer: { encoding: { text?: { format: string } } }[];
    };
    expect(spec.data.values).toEqual(BARS);
    expect(spec.encoding.x.sort).toBeNull();
    expect(spec.encoding.y.scale.domain).toEqual([0, 1]);
    expect(spec.encoding.y.title).toBe('accuracy');
    expect(spec.layer[1].encoding.text?.format).toBe('.1%');
  });

  it('rejects bad bars and domains naming the field', () => {
    expect(() => barChartSpec([])).toThrow(/bars must hold at least one bar/);
    expect(() => barChartSpec([{ label: 'a', value: NaN }])).toThrow(/bars\[0\].value \("a"\) must be a finite number, got NaN/);
    expect(() => barChartSpec([{ label: 1 as unknown as string, value: 1 }])).toThrow(/bars\[0\].label must be a string/);
    expect(() => barChartSpec([{ label: 'a', value: 1 }, { label: 'a', value: 2 }])).toThrow(/bar labels must be distinct/);
    expect(() => barChartSpec(BARS, { domain: [1, 0] })).toThrow(/options.domain must have min < max, got \[1, 0\]/);
    expect(() => barChartSpec(BARS, { domain: [0] as unknown as [number, number] })).toThrow(/options.domain must be \[min, max\]/);
    expect(() => barChartSpec(BARS, { height: 0 })).toThrow(/options.height must be a positive finite number, got 0/);
  });
});

describe('barChart', () => {
  it('renders one bar per entry with its label and formatted value', async () => {
    const { svg } = await barChart(BARS, { title: 'Linear-probe accuracy', yTitle: 'accuracy', domain: [0, 1] });
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Linear-probe accuracy', 'accuracy', 'SupCon', 'Cross-entropy', 'Random encoder', '0.853', '0.871', '0.713']));
    const rects = svg.slice(svg.indexOf('mark-rect role-mark'));
    expect((rects.slice(0, rects.indexOf('</g>')).match(/<path /g) ?? []).length).toBe(3);
  });
});
