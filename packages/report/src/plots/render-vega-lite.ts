import { compile, type TopLevelSpec } from 'vega-lite';
import { parse, View, type Loader } from 'vega';

/**
 * Compiles a vega-lite spec to vega and renders it to an SVG string in Node, headless.
 *
 * The view is created with `renderer: 'none'` and the SVG comes from `View.toSVG()`, which builds
 * the markup from the scenegraph without a DOM or a canvas. Data must be inline (`data.values`):
 * the view gets a loader that refuses every URL, so rendering never touches the network or disk.
 *
 * @param spec - a vega-lite 5 top-level spec with inline data.
 * @returns the SVG document as a string (no XML prolog), starting with `<svg`.
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), {
    renderer: 'none',
    loader: offlineLoader,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
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
