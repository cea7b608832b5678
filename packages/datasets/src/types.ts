/**
 * One split of a labelled dataset held in memory: `size` examples, each of shape `exampleShape`,
 * stored row-major in `x` (images scaled to [0, 1]) with one integer class label per example.
 */
export interface LabeledSplit {
  /** Row-major features, `size * prod(exampleShape)` values. Images are scaled to [0, 1]. */
  x: Float32Array;
  /** Shape of one example, e.g. `[28, 28, 1]` for Fashion-MNIST or `[4]` for Iris. */
  exampleShape: number[];
  /** Class index of each example, in `[0, classNames.length)`. */
  labels: Int32Array;
  /** Number of examples. */
  size: number;
}

/** A dataset with a train and a test split and the names of its classes. */
export interface LabeledDataset {
  /** Short identifier, used in run names and reports. */
  name: string;
  /** Class names by label index. */
  classNames: string[];
  /** The split models are trained on. */
  train: LabeledSplit;
  /** The held-out split scores are measured on. */
  test: LabeledSplit;
  /** Licence notice to ship along with the data, when the data has one. */
  licence?: string;
}
