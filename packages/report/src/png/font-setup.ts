import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the PNG rasteriser gets its fonts from. */
export type FontSource = 'options' | 'package' | 'system' | 'none';

/** The fonts `toPng` hands to resvg, and where they came from. */
export interface FontSetup {
  /** Font files loaded explicitly. */
  fontFiles: string[];
  /** Whether resvg also scans the system font directories. */
  loadSystemFonts: boolean;
  /** Family that `sans-serif` (and unknown families) resolve to, when known. */
  sansSerifFamily?: string;
  /** `package` = the DejaVu TTFs of the `dejavu-fonts-ttf` npm dependency (the normal case). */
  source: FontSource;
  /** Set when no font was found: PNG text (axis labels, legends) will be missing. */
  warning?: string;
}

/** System font directories scanned when the npm font package is unavailable. */
export const SYSTEM_FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', join(process.env.HOME ?? '/root', '.fonts')];

const PREFERRED_SYSTEM_FONTS: [RegExp, string][] = [
  [/^DejaVuSans\.ttf$/i, 'DejaVu Sans'],
  [/^LiberationSans-Regular\.ttf$/i, 'Liberation Sans'],
  [/^NotoSans-Regular\.ttf$/i, 'Noto Sans'],
  [/^FreeSans\.ttf$/i, 'FreeSans'],
];

/** Message used when no font can be found anywhere. */
export const NO_FONT_WARNING =
  'no font files found (npm package dejavu-fonts-ttf missing and no fonts under ' +
  SYSTEM_FONT_DIRS.join(', ') +
  '): PNG plots will have no text (axis labels, legends). Fix: npm install dejavu-fonts-ttf, ' +
  'or apt-get install fonts-dejavu-core. SVG and HTML output are unaffected.';

/**
 * Decides which fonts the PNG rasteriser uses. Order: explicit `fontFiles`; the DejaVu Sans TTFs
 * shipped by the `dejavu-fonts-ttf` npm package (works on a fresh machine with no system fonts);
 * system fonts; otherwise `source: 'none'` with a warning (PNGs are still produced, without text).
 *
 * @param fontFiles - explicit font files (e.g. from `toPng` options); each must exist.
 * @param resolvePackageFontDir - how to find the npm package's `ttf/` directory (injectable for tests).
 * @param systemDirs - system font directories to scan (injectable for tests).
 */
export function resolveFontSetup(
  fontFiles?: readonly string[],
  resolvePackageFontDir: () => string | undefined = packageFontDir,
  systemDirs: readonly string[] = SYSTEM_FONT_DIRS,
): FontSetup {
  if (fontFiles !== undefined && fontFiles.length > 0) {
    fontFiles.forEach((f, i) => {
      if (typeof f !== 'string' || !existsSync(f)) throw new Error(`toPng: fontFiles[${i}] must be an existing font file, got ${String(f)}`);
    });
    return { fontFiles: [...fontFiles], loadSystemFonts: false, source: 'options' };
  }
  const dir = resolvePackageFontDir();
  if (dir !== undefined) {
    const files = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(dir, f)).filter((f) => existsSync(f));
    if (files.length > 0) return { fontFiles: files, loadSystemFonts: false, sansSerifFamily: 'DejaVu Sans', source: 'package' };
  }
  const systemFonts = findFontFiles(systemDirs, 2000);
  if (systemFonts.length > 0) {
    for (const [pattern, family] of PREFERRED_SYSTEM_FONTS) {
      const hit = systemFonts.find((f) => pattern.test(f.slice(f.lastIndexOf('/') + 1)));
      if (hit !== undefined) return { fontFiles: [hit], loadSystemFonts: true, sansSerifFamily: family, source: 'system' };
    }
    return { fontFiles: [], loadSystemFonts: true, source: 'system' };
  }
  return { fontFiles: [], loadSystemFonts: false, source: 'none', warning: NO_FONT_WARNING };
}

/** The `ttf/` directory of the `dejavu-fonts-ttf` package, or undefined when it is not installed. */
export function packageFontDir(): string | undefined {
  try {
    return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return undefined;
  }
}

/** Lists .ttf/.otf/.ttc files below `dirs` (depth-first, at most `limit`); missing dirs are skipped. */
export function findFontFiles(dirs: readonly string[], limit: number): string[] {
  const found: string[] = [];
  const stack = [...dirs];
  while (stack.length > 0 && found.length < limit) {
    const dir = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (/\.(ttf|otf|ttc)$/i.test(e.name)) found.push(p);
    }
  }
  return found;
}
