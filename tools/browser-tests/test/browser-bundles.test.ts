// Each isomorphic package, as published (its ES module build, through its `exports` map), bundles
// for a browser with every dependency and no Node built-in anywhere in its import graph.
import { bundleForBrowser } from '../lib/browser-bundle';
import { ISOMORPHIC_PACKAGES } from '../lib/isomorphic-packages';

describe.each(ISOMORPHIC_PACKAGES)('%s', (name) => {
  test('bundles for platform: browser from its ES module build with no Node built-in', async () => {
    const bundle = await bundleForBrowser(`import * as entry from '${name}';\nexport default entry;\n`);
    expect(bundle.errors).toEqual([]);
    const folder = name.replace('@contrastive/', '');
    expect(bundle.inputs).toContain(`packages/${folder}/dist/index.mjs`);
    expect(
      bundle.inputs.filter((file) => new RegExp(`^packages/${folder}/dist/.*\\.js$`).test(file)),
    ).toEqual([]);
    // Every package of ours comes in as published (dist/*.mjs), none as sources.
    expect(bundle.inputs.filter((file) => /^packages\/[^/]+\/src\//.test(file))).toEqual([]);
  });
});

test('the check fails on a Node import: the Node-only entry @contrastive/trainers/node does not bundle for a browser', async () => {
  const bundle = await bundleForBrowser(`export * from '@contrastive/trainers/node';\n`);
  expect(bundle.errors.join('\n')).toMatch(/Could not resolve "(node:)?(fs|path)/);
});
