import { blobDataset, onCpu } from '../support/fixtures';
import { expectSameCurve, paradigmConfig, straightAndResumed } from '../paradigms/paradigm-fixtures';

beforeAll(onCpu);

// Barlow Twins and VICReg need no paradigm piece: the contrastive trainer, the in-batch strategy and
// their loss plugin. Like the paradigm trainers, a resumed run must repeat the straight run.
describe('Barlow Twins and VICReg on the contrastive trainer: a resumed run repeats the straight loss curve', () => {
  it.each([
    ['barlow-twins', { lambda: 0.125 }],
    ['vicreg', {}],
  ] as const)('%s', async (id, options) => {
    const config = paradigmConfig(
      { id: 'contrastive', options: { supervised: false } },
      { loss: { id, options } },
    );
    const { straight, resumed } = await straightAndResumed(config, blobDataset());
    expectSameCurve(resumed, straight);
    expect(straight.loss.every(Number.isFinite)).toBe(true);
  });
});
