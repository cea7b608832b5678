import * as path from 'path';
import type { PluginRegistry } from '@contrastive/core';
import { cacheRoot, FASHION_MNIST, findFiles, MNIST, searchLocations } from '@contrastive/datasets-node';

/**
 * Dataset plugins and, for the MNIST-style sets, every place the loader looks for files, whether
 * the files are there, and whether the loader would download them when they are nowhere.
 */
export function describeDatasets(registry: PluginRegistry, env: NodeJS.ProcessEnv = process.env): string[] {
  const lines = registry.list('dataset').map((d) => `${d.id.padEnd(24)} ${d.description}`);
  const offline = env.CONTRASTIVE_OFFLINE === '1' || env.CONTRASTIVE_OFFLINE === 'true';
  for (const descriptor of [FASHION_MNIST, MNIST]) {
    lines.push('', `${descriptor.id}: files are searched for in this order, then downloaded into the cache`);
    let present = false;
    for (const { dir, via } of searchLocations(descriptor, { env })) {
      const { found, missing } = findFiles(dir, descriptor.files);
      present ||= Boolean(found);
      const state = found ? 'all 4 files present' : `missing ${missing.length} of 4 files`;
      lines.push(`  ${dir}  (${via}): ${state}`);
    }
    const cache = path.join(cacheRoot({ env }), descriptor.id);
    lines.push(
      offline
        ? `  download: disabled by CONTRASTIVE_OFFLINE${present ? '' : `; '${descriptor.id}' will not load until its files are in one of these folders`}`
        : `  download: enabled, into ${cache}${present ? ' (not needed: the files are present)' : ' on first use'}`,
    );
  }
  return lines;
}
