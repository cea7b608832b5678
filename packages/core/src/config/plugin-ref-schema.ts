import { z } from 'zod';

/** `{ id, options }` selecting a registered plugin; a bare string is shorthand for `{ id }`. */
export const pluginRefSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { id: value } : value),
  z
    .object({
      id: z.string().min(1, 'plugin id must be a non-empty string'),
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
);

/** A parsed plugin reference: an id and its (not yet validated) options. */
export type PluginRefConfig = z.infer<typeof pluginRefSchema>;
