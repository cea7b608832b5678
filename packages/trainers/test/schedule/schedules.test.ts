import { StepDecaySchedule } from '../../src/schedule/step-decay';
import { WarmupCosineSchedule } from '../../src/schedule/warmup-cosine';

describe('WarmupCosineSchedule', () => {
  const schedule = new WarmupCosineSchedule({
    learningRate: 0.5,
    warmupFrom: 0.01,
    warmupEpochs: 2,
    minLearningRate: 0,
  });
  const at = (step: number) => schedule.learningRate({ step, stepsPerEpoch: 10, totalSteps: 100 });

  it('warms up linearly from warmupFrom into the cosine curve', () => {
    expect(at(0)).toBeCloseTo(0.01, 10);
    const cosineAt20 = (0.5 * (1 + Math.cos((Math.PI * 20) / 100))) / 2;
    expect(at(10)).toBeCloseTo(0.01 + (cosineAt20 - 0.01) / 2, 10);
    expect(at(20)).toBeCloseTo(cosineAt20, 10);
    expect(at(5)).toBeGreaterThan(at(0));
  });

  it('anneals to the minimum, monotonically after warm-up', () => {
    expect(at(50)).toBeCloseTo(0.25, 10);
    expect(at(100)).toBeCloseTo(0, 10);
    for (let s = 21; s < 100; s++) expect(at(s)).toBeLessThanOrEqual(at(s - 1));
  });
});

describe('StepDecaySchedule', () => {
  it('multiplies by decayRate at each milestone epoch', () => {
    const schedule = new StepDecaySchedule({ learningRate: 1, milestones: [2, 4], decayRate: 0.1 });
    const at = (step: number) => schedule.learningRate({ step, stepsPerEpoch: 5, totalSteps: 30 });
    expect(at(9)).toBe(1);
    expect(at(10)).toBeCloseTo(0.1);
    expect(at(20)).toBeCloseTo(0.01);
  });
});
