import { classPlugin, parsePluginOptions, z } from '@contrastive/core';
import type { LearningRateSchedule } from './schedule';

/** Options of the `constant` schedule. */
export const constantScheduleOptionsSchema = z.object({ learningRate: z.number().positive().default(0.05) }).strict();

/** Options of {@link ConstantSchedule}. */
export type ConstantScheduleOptions = z.input<typeof constantScheduleOptionsSchema>;

/** A fixed learning rate. */
export class ConstantSchedule implements LearningRateSchedule {
  readonly kind = 'constant';
  private readonly options: z.output<typeof constantScheduleOptionsSchema>;

  constructor(options: ConstantScheduleOptions = {}) {
    this.options = parsePluginOptions(constantScheduleOptionsSchema, options, { kind: 'schedule', id: 'constant' });
  }

  learningRate(): number {
    return this.options.learningRate;
  }
}

/** The `constant` schedule plugin. */
export const constantPlugin = classPlugin('schedule', 'constant', constantScheduleOptionsSchema, ConstantSchedule, {
  description: 'a fixed learning rate',
});
