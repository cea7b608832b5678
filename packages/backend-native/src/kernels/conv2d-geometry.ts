import type { backend_util } from '@tensorflow/tfjs-core';
import { conv2dGeometry as geometryLayout } from '@contrastive/backend';

export { conv2dInfo } from '@contrastive/backend';

/** The geometry as the Int32Array native/addon.cc takes (the layout is `@contrastive/backend`'s). */
export function conv2dGeometry(info: backend_util.Conv2DInfo): Int32Array {
  return Int32Array.from(geometryLayout(info));
}
