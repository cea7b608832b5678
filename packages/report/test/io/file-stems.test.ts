import { plotFileStems, slugify } from '../../src/io/file-stems';

describe('plot file stems', () => {
  it('slugifies titles to ASCII', () => {
    expect(slugify('t-SNE of SupCon embeddings (épochs 1–10)')).toBe('t-sne-of-supcon-embeddings-epochs-1-10');
    expect(slugify('***')).toBe('');
  });

  it('dedupes case-insensitively and never uses "report"', () => {
    expect(plotFileStems([{ title: 'Loss' }, { title: 'loss' }, { title: 'Report' }, { title: '!!' }])).toEqual(['loss', 'loss-2', 'report-2', 'plot-3']);
  });
});
