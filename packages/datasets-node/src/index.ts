export { readFileBytes, readMaybeGzipped } from './io/read-bytes';
export { ExactReader, isGzipFile } from './io/exact-reader';
export { readIdxFile, loadIdxSplit, loadIdxDataset, type IdxPair, type IdxDatasetOptions } from './idx/read-idx-file';
export { streamIdxSplit, type StreamIdxOptions } from './idx/stream-idx';
export { FASHION_MNIST, MNIST, type FileChecksum, type MnistFiles, type MnistLikeDescriptor } from './mnist/catalog';
export { candidateNames, findFiles, type FoundFiles } from './mnist/find-files';
export { downloadVerified, type DownloadOptions } from './mnist/download';
export {
  loadMnistLike,
  loadFashionMnist,
  loadMnist,
  searchLocations,
  cacheRoot,
  type MnistLoadOptions,
} from './mnist/load-mnist-like';
export { loadCsv, type CsvOptions } from './csv/load-csv';
export { decodeImage, isGrayscale, toChannels, type RgbaImage } from './images/decode-image';
export { resizeBilinear } from './images/resize';
export { loadImageFolder, IMAGE_EXTENSIONS, type ImageFolderOptions } from './images/load-image-folder';
export {
  datasetNodePlugins,
  datasetsNodeModule,
  mnistOptionsSchema,
  idxOptionsSchema,
  csvOptionsSchema,
  imageFolderOptionsSchema,
} from './plugins';
