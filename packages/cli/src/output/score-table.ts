import type { EncoderScores } from '@contrastive/trainers';

const COLUMNS: Array<[string, keyof EncoderScores]> = [
  ['linear probe', 'linearProbe'],
  ['kNN', 'knn'],
  ['P@1', 'precisionAt1'],
  ['MAP@R', 'mapAtR'],
  ['NMI', 'nmi'],
  ['AMI', 'ami'],
];

/** A plain-text table of the encoders' test scores, with the backend used. */
export function formatScoreTable(scores: EncoderScores[], backend: string): string {
  const nameWidth = Math.max(7, ...scores.map((s) => s.encoder.length));
  const header = ['encoder'.padEnd(nameWidth), ...COLUMNS.map(([title]) => title.padStart(12))].join(' ');
  const rows = scores.map((s) =>
    [
      s.encoder.padEnd(nameWidth),
      ...COLUMNS.map(([, key]) => (s[key] as number).toFixed(4).padStart(12)),
    ].join(' '),
  );
  return [`backend: ${backend}`, header, '-'.repeat(header.length), ...rows].join('\n');
}
