import { createHash } from 'crypto';
import { gunzipSync } from 'fflate';
import { decodeBase64 } from '../../src/encoding/base64';
import { FASHION_MNIST_SUBSET_GZIP_BASE64 } from '../../src/embedded/fashion-mnist-subset-data.generated';
import { FASHION_MNIST_SUBSET_META } from '../../src/embedded/fashion-mnist-subset-meta.generated';
import { embeddedFashionMnistSourceIndices, loadFashionMnistEmbedded } from '../../src/embedded/fashion-mnist-embedded';
import { classCounts } from '../../src/split/split-utils';

describe('embedded Fashion-MNIST subset', () => {
  let decodeMs = 0;
  const dataset = (() => {
    const start = performance.now();
    const loaded = loadFashionMnistEmbedded();
    decodeMs = performance.now() - start;
    return loaded;
  })();

  it('has 10000 train and 2000 test 28x28x1 images in [0, 1] with class names and licence', () => {
    // Indicative (shared CPU): first decode including float conversion.
    console.log(
      `embedded subset: base64 ${FASHION_MNIST_SUBSET_GZIP_BASE64.length} B, gzip ${FASHION_MNIST_SUBSET_META.gzipBytes} B, ` +
        `first load ${decodeMs.toFixed(0)} ms`,
    );
    expect(dataset.train.size).toBe(10000);
    expect(dataset.test.size).toBe(2000);
    expect(dataset.train.exampleShape).toEqual([28, 28, 1]);
    expect(dataset.train.x.length).toBe(10000 * 784);
    expect(dataset.test.x.length).toBe(2000 * 784);
    let min = Infinity;
    let max = -Infinity;
    for (const v of dataset.train.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    expect(dataset.classNames).toHaveLength(10);
    expect(dataset.classNames[9]).toBe('Ankle boot');
    expect(dataset.licence).toMatch(/Zalando SE/);
    expect(dataset.licence).toMatch(/Permission is hereby granted/);
  });

  it('is stratified: exactly 1000 / 200 examples per class', () => {
    expect(classCounts(dataset.train.labels, 10)).toEqual(new Array(10).fill(1000));
    expect(classCounts(dataset.test.labels, 10)).toEqual(new Array(10).fill(200));
  });

  it('payload matches the checksum recorded by the generator', () => {
    const payload = gunzipSync(decodeBase64(FASHION_MNIST_SUBSET_GZIP_BASE64));
    expect(payload.length).toBe(FASHION_MNIST_SUBSET_META.payloadBytes);
    expect(FASHION_MNIST_SUBSET_GZIP_BASE64.length).toBe(FASHION_MNIST_SUBSET_META.base64Bytes);
    expect(createHash('sha256').update(payload).digest('hex')).toBe(FASHION_MNIST_SUBSET_META.payloadSha256);
  });

  it('source indices are strictly increasing and inside the official files', () => {
    const { train, test } = embeddedFashionMnistSourceIndices();
    const increasing = (a: Uint16Array, max: number) => a.every((v, i) => v < max && (i === 0 || v > a[i - 1]));
    expect(increasing(train, 60000)).toBe(true);
    expect(increasing(test, 10000)).toBe(true);
  });

  it('images look like images: per-class mean images differ (trousers are not bags)', () => {
    const mean = (c: number) => {
      const m = new Float64Array(784);
      let n = 0;
      for (let i = 0; i < dataset.train.size; i++) {
        if (dataset.train.labels[i] !== c) continue;
        n++;
        for (let p = 0; p < 784; p++) m[p] += dataset.train.x[i * 784 + p];
      }
      return m.map((v) => v / n);
    };
    const trouser = mean(1);
    const bag = mean(8);
    const distance = Math.sqrt(trouser.reduce((s, v, p) => s + (v - bag[p]) ** 2, 0));
    expect(distance).toBeGreaterThan(3);
  });

  it('returns fresh copies, and trainPerClass / testPerClass take a smaller stratified prefix', () => {
    const again = loadFashionMnistEmbedded();
    expect(again.train.x).not.toBe(dataset.train.x);
    expect(Buffer.compare(Buffer.from(again.train.x.buffer), Buffer.from(dataset.train.x.buffer))).toBe(0);
    const small = loadFashionMnistEmbedded({ trainPerClass: 10, testPerClass: 3 });
    expect(small.train.size).toBe(100);
    expect(classCounts(small.test.labels, 10)).toEqual(new Array(10).fill(3));
    expect(() => loadFashionMnistEmbedded({ trainPerClass: 1001 })).toThrow(/invalid options for dataset 'fashion-mnist-embedded':\n {2}dataset\.options\.trainPerClass: Too big: expected number to be <=1000/);
  });
});
