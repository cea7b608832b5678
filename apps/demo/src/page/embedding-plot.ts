/** Ten well-separated colours (Tableau 10), then evenly spaced hues for more classes. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function classColour(label: number, classes: number): string {
  return classes <= PALETTE.length ? PALETTE[label] : `hsl(${Math.round((360 * label) / classes)} 65% 50%)`;
}

/**
 * The 2-D embedding of the test set as a scatter on a plain canvas, one colour per class: a few
 * hundred dots need no chart library. `data-epoch` and `data-points` on the canvas say what is
 * drawn (the browser test reads them).
 */
export class EmbeddingPlot {
  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly legend: HTMLElement,
  ) {}

  setClasses(classNames: string[]): void {
    this.legend.replaceChildren(
      ...classNames.map((name, label) => {
        const item = document.createElement('li');
        const dot = document.createElement('span');
        dot.style.background = classColour(label, classNames.length);
        item.append(dot, name);
        return item;
      }),
    );
    this.classes = classNames.length;
  }

  private classes = 1;

  clear(): void {
    this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
    this.canvas.dataset.epoch = '-1';
    this.canvas.dataset.points = '0';
  }

  draw(points: Float32Array, labels: Int32Array, epoch: number): void {
    const context = this.canvas.getContext('2d');
    if (!context) return;
    const { width, height } = this.canvas;
    let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < labels.length; i++) {
      minX = Math.min(minX, points[2 * i]);
      maxX = Math.max(maxX, points[2 * i]);
      minY = Math.min(minY, points[2 * i + 1]);
      maxY = Math.max(maxY, points[2 * i + 1]);
    }
    const margin = 12;
    const scale = Math.min(
      (width - 2 * margin) / (maxX - minX || 1),
      (height - 2 * margin) / (maxY - minY || 1),
    );
    const offsetX = (width - scale * (maxX - minX)) / 2;
    const offsetY = (height - scale * (maxY - minY)) / 2;
    context.clearRect(0, 0, width, height);
    context.globalAlpha = 0.85;
    for (let i = 0; i < labels.length; i++) {
      context.fillStyle = classColour(labels[i], this.classes);
      context.beginPath();
      context.arc(
        offsetX + (points[2 * i] - minX) * scale,
        offsetY + (points[2 * i + 1] - minY) * scale,
        3.2,
        0,
        2 * Math.PI,
      );
      context.fill();
    }
    context.globalAlpha = 1;
    context.fillStyle = '#5b6475';
    context.font = '13px system-ui, sans-serif';
    context.fillText(epoch === 0 ? 'before training' : `after epoch ${epoch}`, 8, 18);
    this.canvas.dataset.epoch = String(epoch);
    this.canvas.dataset.points = String(labels.length);
  }
}
