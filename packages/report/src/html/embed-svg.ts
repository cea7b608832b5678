/**
 * Prepares an SVG document for inlining in the report page.
 *
 * SVG is markup, so it cannot be escaped like the other strings; instead it is checked to be
 * static (no scripts, event handlers, foreign HTML or external references) and its ids are
 * prefixed, because several inline SVGs share one id namespace in an HTML document (vega names
 * clip paths `clip1`, `clip2`, ... in every plot).
 *
 * @param svg - the SVG document (an XML prolog / doctype in front is dropped).
 * @param idPrefix - prefix for every `id` and local reference, e.g. `plot3-`.
 * @param argName - argument name used in errors, e.g. `plots[3].svg`.
 * @returns the SVG markup to inline.
 * @throws Error naming `argName` when the markup is not a static SVG.
 */
export function embedSvg(svg: string, idPrefix: string, argName: string): string {
  if (typeof svg !== 'string') throw new Error(`buildReport: ${argName} must be an SVG string, got ${typeof svg}`);
  const body = svg
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[^>]*\?>/i, '')
    .replace(/^\s*<!DOCTYPE[^>]*>/i, '')
    .trim();
  if (!/^<svg[\s>]/i.test(body) || !/<\/svg>$/i.test(body)) {
    throw new Error(`buildReport: ${argName} must be one <svg>...</svg> document, got "${body.slice(0, 40)}..."`);
  }
  for (const [pattern, what] of FORBIDDEN) {
    if (pattern.test(body)) {
      throw new Error(`buildReport: ${argName} contains ${what}; only static SVG (as rendered by the plot functions) can be embedded`);
    }
  }
  return body
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${idPrefix}${id}"`)
    .replace(/url\(\s*(['"]?)#([^)'"]+)\1\s*\)/g, (_m, _q: string, id: string) => `url(#${idPrefix}${id})`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${idPrefix}${id}"`);
}

const FORBIDDEN: [RegExp, string][] = [
  [/<script[\s>/]/i, 'a <script> element'],
  [/<foreignObject[\s>/]/i, 'a <foreignObject> element'],
  [/<(iframe|object|embed)[\s>/]/i, 'an embedded document element'],
  [/\son[a-z]+\s*=/i, 'an event-handler attribute (on...=)'],
  [/javascript:/i, 'a javascript: URL'],
  [/\s(?:xlink:)?href\s*=\s*["'](?!#)/i, 'an external href (the report must need no network)'],
  [/url\(\s*["']?(?!#)/i, 'an external url(...) reference'],
  [/@import/i, 'a CSS @import'],
];
