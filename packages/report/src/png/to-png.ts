import { Resvg } from '@resvg/resvg-js';
import { resolveFontSetup, type FontSetup } from './font-setup';

/** Options of {@link toPng}. */
export interface ToPngOptions {
  /** Zoom factor (default 2: crisp on high-density screens); the PNG is `scale` × the SVG size. */
  scale?: number;
  /** Background colour for transparent areas (CSS colour, default white). */
  background?: string;
  /** Explicit font files instead of the bundled DejaVu Sans / system fonts. */
  fontFiles?: string[];
  /** A font setup from `resolveFontSetup` (takes precedence over `fontFiles`). */
  fonts?: FontSetup;
  /** Receives the warning when no fonts exist (default: `console.warn`, once per process). */
  onWarning?: (message: string) => void;
}

let cachedSetup: FontSetup | undefined;
let warned = false;

/** The font setup `toPng` uses by default (resolved once per process). */
export function defaultFontSetup(): FontSetup {
  cachedSetup ??= resolveFontSetup();
  return cachedSetup;
}

/**
 * Rasterises an SVG string to PNG with resvg (a Rust SVG renderer, no browser, no canvas).
 *
 * Text needs font files: `toPng` loads DejaVu Sans from the `dejavu-fonts-ttf` dependency, or
 * falls back to system fonts. When neither exists it still returns a PNG (shapes only) and reports
 * a warning through `onWarning` instead of failing.
 *
 * @param svg - an SVG document (as produced by the plot functions).
 * @param options - scale, background, fonts, warning sink.
 * @returns the PNG file contents.
 * @throws Error if `svg` is not an SVG string or `scale` is not a positive number.
 */
export function toPng(svg: string, options: ToPngOptions = {}): Buffer {
  return rasterize(svg, options).png;
}

/** A rasterised SVG: PNG bytes plus the raw RGBA pixels (row-major, 4 bytes per pixel). */
export interface RasterImage {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** RGBA bytes, row-major. */
  pixels: Uint8Array;
  /** The image encoded as PNG. */
  png: Buffer;
}

/** Like {@link toPng}, but also returns the decoded pixels (for checks such as "does text show"). */
export function rasterize(svg: string, options: ToPngOptions = {}): RasterImage {
  if (typeof svg !== 'string' || !/<svg[\s>]/.test(svg)) {
    throw new Error(`toPng: svg must be an SVG document string containing <svg ...>, got ${typeof svg === 'string' ? `"${svg.slice(0, 40)}"` : typeof svg}`);
  }
  const scale = options.scale ?? 2;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 16) {
    throw new Error(`toPng: options.scale must be a number in (0, 16], got ${String(scale)}`);
  }
  const setup = options.fonts ?? (options.fontFiles !== undefined ? resolveFontSetup(options.fontFiles) : defaultFontSetup());
  if (setup.warning !== undefined) {
    if (options.onWarning !== undefined) options.onWarning(setup.warning);
    else if (!warned) {
      warned = true;
      console.warn(`[@contrastive/report] ${setup.warning}`);
    }
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: options.background ?? 'white',
    logLevel: 'off',
    font: {
      fontFiles: setup.fontFiles,
      loadSystemFonts: setup.loadSystemFonts,
      ...(setup.sansSerifFamily !== undefined
        ? { defaultFontFamily: setup.sansSerifFamily, sansSerifFamily: setup.sansSerifFamily }
        : {}),
    },
  });
  const image = resvg.render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels), png: image.asPng() };
}
