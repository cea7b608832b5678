import { createPluginModule } from '@contrastive/core';
import { fashionMnistEmbeddedPlugin } from './embedded/fashion-mnist-embedded';
import { irisPlugin } from './iris/iris';

/** The `dataset` plugins of this package (no file IO, no network: they work in browsers); each sits beside its loader. */
export const datasetPlugins = [fashionMnistEmbeddedPlugin, irisPlugin] as const;

/** Registers `fashion-mnist-embedded` and `iris`: `registry.load(datasetsModule)`. */
export const datasetsModule = createPluginModule(datasetPlugins);
