import uPlot from 'uplot';

/**
 * The live loss curve: uPlot (a small, fast, well-kept canvas chart library) redrawn at most once
 * per animation frame however fast steps arrive. `data-points` on the container counts the
 * points drawn (the browser test reads it).
 */
export class LossChart {
  private readonly steps: number[] = [];
  private readonly losses: number[] = [];
  private readonly plot: uPlot;
  private redrawQueued = false;

  constructor(private readonly container: HTMLElement) {
    this.plot = new uPlot(
      {
        width: Math.max(320, container.clientWidth || 640),
        height: 220,
        scales: { x: { time: false } },
        axes: [{ label: 'step' }, { label: 'loss' }],
        series: [{ label: 'step' }, { label: 'loss', stroke: '#2456d6', width: 2, points: { show: false } }],
        legend: { show: true },
      },
      [[], []],
      container,
    );
    new ResizeObserver(() =>
      this.plot.setSize({ width: Math.max(320, container.clientWidth), height: 220 }),
    ).observe(container);
  }

  clear(): void {
    this.steps.length = 0;
    this.losses.length = 0;
    this.redraw();
  }

  add(step: number, loss: number): void {
    this.steps.push(step);
    this.losses.push(loss);
    if (this.redrawQueued) return;
    this.redrawQueued = true;
    requestAnimationFrame(() => this.redraw());
  }

  private redraw(): void {
    this.redrawQueued = false;
    this.plot.setData([this.steps, this.losses]);
    this.container.dataset.points = String(this.steps.length);
  }
}
