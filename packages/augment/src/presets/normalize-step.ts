import { normalizeOptionsSchema } from '../image/normalize';

/** The presets' optional last step: per-channel Normalize with the dataset statistics. */
export const normalizeStepSchema = normalizeOptionsSchema.optional().describe('append a per-channel Normalize step');
