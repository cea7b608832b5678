import { FASHION_MNIST_CLASS_NAMES, FASHION_MNIST_LICENCE, MNIST_CLASS_NAMES } from '@contrastive/datasets';

/** Expected checksum of a downloaded file (hex). At least one of the two. */
export interface FileChecksum {
  /** Expected MD5 of the file. */
  md5?: string;
  /** Expected SHA-256 of the file. */
  sha256?: string;
}

/** The four IDX files of an MNIST-format dataset (file names as published, `.gz`). */
export interface MnistFiles {
  /** Training images file name. */
  trainImages: string;
  /** Training labels file name. */
  trainLabels: string;
  /** Test images file name. */
  testImages: string;
  /** Test labels file name. */
  testLabels: string;
}

/** Everything needed to find, download and verify an MNIST-format dataset. */
export interface MnistLikeDescriptor {
  /** Dataset id, also the sub-directory name under data/cache dirs. */
  id: string;
  /** Env var naming a directory holding this dataset's files. */
  envVar: string;
  /** The four IDX files. */
  files: MnistFiles;
  /** Canonical download location (files are `${baseUrl}${file}`). */
  baseUrl: string;
  /** Published checksums of the `.gz` files. */
  checksums: Record<string, FileChecksum>;
  /** System directories searched (e.g. Debian packages). */
  systemDirs: string[];
  /** Class names by label. */
  classNames: readonly string[];
  /** Licence notice shipped with the data. */
  licence?: string;
}

const STANDARD_FILES: MnistFiles = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};

/** Fashion-MNIST (Zalando, MIT): canonical S3 mirror, MD5s from the dataset's README. */
export const FASHION_MNIST: MnistLikeDescriptor = {
  id: 'fashion-mnist',
  envVar: 'CONTRASTIVE_FASHION_MNIST_DIR',
  files: STANDARD_FILES,
  baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  checksums: {
    'train-images-idx3-ubyte.gz': { md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
    'train-labels-idx1-ubyte.gz': { md5: '25c81989df183df01b3e8a0aad5dffbe' },
    't10k-images-idx3-ubyte.gz': { md5: 'bef4ecab320f06d8554ea6380940ec79' },
    't10k-labels-idx1-ubyte.gz': { md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
  },
  // Debian's `dataset-fashion-mnist` package installs the four .gz files here.
  systemDirs: ['/usr/share/datasets/fashion-mnist'],
  classNames: FASHION_MNIST_CLASS_NAMES,
  licence: FASHION_MNIST_LICENCE,
};

/** MNIST (LeCun, Cortes, Burges): the mirror torchvision uses, with the original files' MD5s. */
export const MNIST: MnistLikeDescriptor = {
  id: 'mnist',
  envVar: 'CONTRASTIVE_MNIST_DIR',
  files: STANDARD_FILES,
  baseUrl: 'https://ossci-datasets.s3.amazonaws.com/mnist/',
  checksums: {
    'train-images-idx3-ubyte.gz': { md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
    'train-labels-idx1-ubyte.gz': { md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
    't10k-images-idx3-ubyte.gz': { md5: '9fb629c4189551a2d022fa330f9573f3' },
    't10k-labels-idx1-ubyte.gz': { md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
  },
  systemDirs: [],
  classNames: MNIST_CLASS_NAMES,
};
