import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View, type Loader, type LoggerInterface } from 'vega';

/**
 * Compiles a vega-lite spec to vega and renders it to an SVG string in Node, headless.
 *
 * The view is created with `renderer: 'none'` and the SVG comes from `View.toSVG()`, which builds
 * the markup from the scenegraph without a DOM or a canvas. Data must be inline (`data.values`):
 * the view gets a loader that refuses every URL, so rendering never touches the network or disk.
 *
 * @param spec - a vega-lite 5 top-level spec with inline data.
 * @returns the SVG document as a string (no XML prolog), starting with `<svg`.
 * @throws Error when vega reports an error while evaluating the spec (vega itself only logs those).
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const errors: string[] = [];
  const view = new View(parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader,
    logger: collectingLogger(errors),
  });
  try {
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`renderVegaLite: vega reported ${errors.length} error(s): ${errors.join('; ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * A vega logger that records errors, and failed loads (which vega only logs as warnings), since
 * vega logs both instead of rejecting; other messages are dropped.
 */
function collectingLogger(errors: string[]): LoggerInterface {
  let level = 1;
  const text = (args: readonly unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      if (args[0] === 'Loading failed') errors.push(text(args));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger as LoggerInterface;
}

/** A vega loader that refuses all external resources (plots use inline data only). */
const offlineLoader: Loader = {
  load: (uri: string): Promise<string> =>
    Promise.reject(new Error(`renderVegaLite: external data is not allowed (tried to load "${uri}"); use inline data.values`)),
  sanitize: (uri: string): Promise<{ href: string }> =>
    Promise.reject(new Error(`renderVegaLite: external resources are not allowed (tried "${uri}")`)),
  http: (uri: string): Promise<string> =>
    Promise.reject(new Error(`renderVegaLite: network access is not allowed (tried "${uri}")`)),
  file: (path: string): Promise<string> =>
    Promise.reject(new Error(`renderVegaLite: file access is not allowed (tried "${path}")`)),
};
