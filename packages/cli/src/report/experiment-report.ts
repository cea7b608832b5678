import {
  barChart,
  lineChart,
  scatterPlot,
  writeReport,
  type ReportPlot,
  type WrittenReport,
} from '@contrastive/report';
import type { ExperimentResult } from '@contrastive/trainers';

/** Renders the run's plots and writes the self-contained HTML report (plus SVG/PNG files). */
export async function writeExperimentReport(result: ExperimentResult, dir: string): Promise<WrittenReport> {
  const plots: ReportPlot[] = [];
  const { projection, dataset, histories, scores } = result;
  if (projection.points.length > 0) {
    const scatter = await scatterPlot(
      Float32Array.from(projection.points),
      projection.labels,
      dataset.classNames,
      {
        title: `${projection.method === 'tsne' ? 't-SNE' : 'UMAP'} of test-set encoder features`,
      },
    );
    plots.push({
      title: `2-D embedding (${projection.method})`,
      svg: scatter.svg,
      file: 'embedding-2d',
      description: `${projection.labels.length} test images, coloured by class`,
    });
  }
  const curves = [{ name: 'contrastive', points: histories.contrastive.loss.map((y, x) => ({ x, y })) }];
  if (histories.crossEntropy) {
    curves.push({ name: 'cross-entropy', points: histories.crossEntropy.loss.map((y, x) => ({ x, y })) });
  }
  plots.push({
    title: 'Training loss',
    svg: (await lineChart(curves, { title: 'Training loss per step', xTitle: 'step', yTitle: 'loss' })).svg,
    file: 'loss',
  });
  plots.push({
    title: 'Learning rate',
    svg: (
      await lineChart(
        [{ name: 'lr', points: histories.contrastive.learningRate.map((y, x) => ({ x, y })) }],
        {
          title: 'Learning rate (pre-training)',
          xTitle: 'step',
          yTitle: 'learning rate',
        },
      )
    ).svg,
    file: 'learning-rate',
  });
  if (scores.length > 0) {
    plots.push({
      title: 'Linear-probe accuracy',
      svg: (
        await barChart(
          scores.map((s) => ({ label: s.encoder, value: s.linearProbe })),
          { title: 'Linear-probe test accuracy', yTitle: 'accuracy', domain: [0, 1] },
        )
      ).svg,
      file: 'probe-accuracy',
    });
  }
  return writeReport(dir, {
    title: `contrastive: ${result.config.name}`,
    config: result.config,
    backend: result.backend,
    timings: result.timings,
    metrics: scores.map((s) => ({
      encoder: s.encoder,
      'linear probe': s.linearProbe,
      'kNN (k=200)': s.knn,
      'P@1': s.precisionAt1,
      'MAP@R': s.mapAtR,
      NMI: s.nmi,
      AMI: s.ami,
    })),
    plots,
    notes: [
      `Dataset: ${dataset.name}, ${dataset.train} training and ${dataset.test} test examples, ${dataset.classNames.length} classes.`,
      'Scores are on the test split with the encoder frozen, using its pre-head features.',
    ],
  });
}
