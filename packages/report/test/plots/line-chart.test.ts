import { lineChart, lineChartSpec } from '../../src';
import { lossCurve, svgTexts } from '../fixtures';

describe('lineChartSpec', () => {
  it('flattens series into rows, with series names as the colour domain', () => {
    const spec = lineChartSpec(
      [
        { name: 'train', points: [{ x: 1, y: 2 }, { x: 2, y: 1 }] },
        { name: 'lr', points: [{ x: 1, y: 0.1 }] },
      ],
      { xTitle: 'epoch', yTitle: 'loss' },
    ) as unknown as {
      data: { values: unknown[] };
      encoding: { x: { title: string }; y: { title: string; scale: object }; color: { scale: { domain: string[] } } };
    };
    expect(spec.data.values).toEqual([
      { series: 'train', x: 1, y: 2 },
      { series: 'train', x: 2, y: 1 },
      { series: 'lr', x: 1, y: 0.1 },
    ]);
    expect(spec.encoding.color.scale.domain).toEqual(['train', 'lr']);
    expect(spec.encoding.x.title).toBe('epoch');
    expect(spec.encoding.y.title).toBe('loss');
    expect(spec.encoding.y.scale).toEqual({ zero: false });
  });

  it('turns non-finite y into gaps (null) and supports a log y axis', () => {
    const spec = lineChartSpec([{ name: 'loss', points: [{ x: 1, y: NaN }, { x: 2, y: Infinity }, { x: 3, y: 1 }] }], { logY: true }) as unknown as {
      data: { values: { y: number | null }[] };
      encoding: { y: { scale: object } };
    };
    expect(spec.data.values.map((v) => v.y)).toEqual([null, null, 1]);
    expect(spec.encoding.y.scale).toEqual({ type: 'log' });
  });

  it('rejects bad input naming the series and point', () => {
    expect(() => lineChartSpec([])).toThrow(/series must hold at least one series/);
    expect(() => lineChartSpec([{ name: 'a', points: [] }])).toThrow(/series\[0\] \("a"\) has no points/);
    expect(() => lineChartSpec([{ name: 'a', points: [{ x: NaN, y: 1 }] }])).toThrow(/series\[0\].points\[0\].x must be a finite number, got NaN/);
    expect(() => lineChartSpec([{ name: 'a', points: [{ x: 1, y: '2' as unknown as number }] }])).toThrow(/series\[0\].points\[0\].y must be a number, got string/);
    expect(() => lineChartSpec([{ name: 'a', points: [{ x: 1, y: 1 }] }, { name: 'a', points: [{ x: 1, y: 1 }] }])).toThrow(/series names must be distinct/);
    expect(() => lineChartSpec([{ name: 3 as unknown as string, points: [{ x: 1, y: 1 }] }])).toThrow(/series\[0\].name must be a string/);
    expect(() => lineChartSpec([{ name: 'a', points: [{ x: 1, y: 1 }] }], { logY: 'yes' as unknown as boolean })).toThrow(/options.logY must be a boolean/);
  });
});

describe('lineChart', () => {
  it('renders axis titles, title and a legend of series names', async () => {
    const { svg } = await lineChart(
      [
        { name: 'SupCon loss', points: lossCurve(20) },
        { name: 'CE loss', points: lossCurve(20, 2.3, 0.2) },
      ],
      { title: 'Training loss', xTitle: 'epoch', yTitle: 'loss' },
    );
    const texts = svgTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Training loss', 'epoch', 'loss', 'SupCon loss', 'CE loss']));
    // One line path per series.
    expect(svg.match(/class="mark-line role-mark/g)).toHaveLength(2);
  });

  it('renders a learning-rate schedule on a log axis', async () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ x: i, y: 0.1 * 0.5 * (1 + Math.cos((Math.PI * i) / 100)) + 1e-4 }));
    const { svg } = await lineChart([{ name: 'lr', points }], { title: 'Learning rate', xTitle: 'step', yTitle: 'learning rate', logY: true });
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Learning rate', 'step', 'learning rate']));
  });
});
