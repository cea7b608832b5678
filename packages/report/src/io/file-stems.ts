/** File names for plots written next to report.html. */

const STEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Turns a title into a file stem: lower case ASCII letters, digits and dashes (max 60 chars). */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/**
 * Picks one distinct file stem per plot: the explicit `file` (validated) or the slug of the title
 * (`plot-<i>` when the title has no usable characters); duplicates get `-2`, `-3`, ...
 *
 * @throws Error naming `plots[i].file` when an explicit stem is not a plain file name or is `report`.
 */
export function plotFileStems(plots: readonly { title: string; file?: string }[]): string[] {
  const used = new Set<string>(['report']);
  return plots.map((p, i) => {
    let stem: string;
    if (p.file !== undefined) {
      if (typeof p.file !== 'string' || !STEM.test(p.file) || p.file.toLowerCase() === 'report') {
        throw new Error(
          `writeReport: plots[${i}].file must be a plain file stem (letters, digits, . _ -; not "report"), got ${JSON.stringify(p.file)}`,
        );
      }
      stem = p.file;
    } else {
      stem = slugify(p.title) || `plot-${i}`;
    }
    let unique = stem;
    for (let k = 2; used.has(unique.toLowerCase()); k++) unique = `${stem}-${k}`;
    used.add(unique.toLowerCase());
    return unique;
  });
}
