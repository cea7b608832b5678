// Datasets for the PyTorch side of a benchmark, as NumPy .npy files (numpy.load reads them directly).
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Writes a uint8 array of `shape` as a .npy (format 1.0) file. */
function writeNpyUint8(file, values, shape) {
  const dict = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const padding = (64 - ((10 + dict.length + 1) % 64)) % 64;
  const header = dict + ' '.repeat(padding) + '\n';
  const preamble = Buffer.alloc(10);
  preamble.write('\x93NUMPY', 0, 'latin1');
  preamble.writeUInt8(1, 6);
  preamble.writeUInt16LE(header.length, 8);
  const data = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  fs.writeFileSync(file, Buffer.concat([preamble, Buffer.from(header, 'latin1'), data]));
}

/**
 * A temporary directory with train_x / test_x (uint8 [N, H, W], exact: the splits hold v / 255) and
 * train_y / test_y; the caller removes it.
 */
function exportSplits(dataset) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contrastive-bench-'));
  for (const [name, split] of [
    ['train', dataset.train],
    ['test', dataset.test],
  ]) {
    const [height, width] = split.exampleShape;
    writeNpyUint8(
      path.join(dir, `${name}_x.npy`),
      Uint8Array.from(split.x, (v) => Math.round(v * 255)),
      [split.size, height, width],
    );
    writeNpyUint8(path.join(dir, `${name}_y.npy`), Uint8Array.from(split.labels), [split.size]);
  }
  return dir;
}

module.exports = { writeNpyUint8, exportSplits };
