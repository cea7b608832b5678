import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import type { LearningRateSchedule, SchedulePosition } from './schedule';

/** Options of the `step` schedule. */
export const stepDecayOptionsSchema = z
  .object({
    learningRate: z.number().positive().default(0.05),
    milestones: z.array(z.number().nonnegative()).default([]).describe('epochs at which the rate is multiplied by decayRate'),
    decayRate: z.number().positive().max(1).default(0.1),
  })
  .strict();

/** Options of {@link StepDecaySchedule}. */
export type StepDecayOptions = z.input<typeof stepDecayOptionsSchema>;

/** Multiplies the rate by `decayRate` at each milestone epoch (SupContrast's non-cosine option). */
export class StepDecaySchedule implements LearningRateSchedule {
  readonly kind = 'step';

  private readonly options: z.output<typeof stepDecayOptionsSchema>;

  constructor(options: StepDecayOptions = {}) {
    this.options = parsePluginOptions(stepDecayOptionsSchema, options, { kind: 'schedule', id: 'step' });
  }

  learningRate({ step, stepsPerEpoch }: SchedulePosition): number {
    const epoch = step / Math.max(stepsPerEpoch, 1);
    const passed = this.options.milestones.filter((milestone) => epoch >= milestone).length;
    return this.options.learningRate * this.options.decayRate ** passed;
  }
}

/** The `step` schedule plugin. */
export const stepPlugin = classPlugin('schedule', 'step', stepDecayOptionsSchema, StepDecaySchedule, {
  description: 'multiply the rate by decayRate at milestone epochs',
});
