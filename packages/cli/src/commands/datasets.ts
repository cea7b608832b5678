import type { PluginRegistry } from '@contrastive/core';
import { FASHION_MNIST, MNIST, searchLocations } from '@contrastive/datasets-node';

/** Dataset plugins and, for the MNIST-style sets, every place the loader looks for files. */
export function describeDatasets(registry: PluginRegistry): string[] {
  const lines = registry.list('dataset').map((d) => `${d.id.padEnd(24)} ${d.description}`);
  for (const descriptor of [FASHION_MNIST, MNIST]) {
    lines.push('', `${descriptor.id}: files are searched for in this order, then downloaded into the cache`);
    for (const { dir, via } of searchLocations(descriptor)) lines.push(`  ${dir}  (${via})`);
  }
  return lines;
}
