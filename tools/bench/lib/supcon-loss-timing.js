// SupCon (or NT-Xent) forward + backward timing, shared by loss.js (Node) and browser.js's page
// (bundled for chromium), so both time the same work (not a benchmark itself).
const tf = require('@tensorflow/tfjs-core');
const losses = require('../../../packages/losses/dist');

const VIEWS = 2;
const DIM = 128;

/** The loss as a function of [B, V, D] features and [B] labels. */
function makeLossFn(lossName) {
  if (lossName === 'ntxent') {
    const loss = new losses.NTXentLoss({ temperature: 0.1, validate: false });
    return (x, labels) =>
      loss.compute(tf.reshape(tf.transpose(x, [1, 0, 2]), [-1, DIM]), { labels: tf.tile(labels, [VIEWS]) });
  }
  const loss = new losses.SupConLoss({ temperature: 0.1, validate: false });
  return (x, labels) => loss.compute(x, { labels });
}

/**
 * Wall times (ms) of value + gradient at `batch`, including the download of both (forces the
 * backend to finish), after `warmups` untimed runs; and the tensors left behind. The download is
 * synchronous (`dataSync`) unless `asyncRead` (WebGPU refuses synchronous reads). With `cpuNow`
 * (a process CPU clock in ms, e.g. Node's process.cpuUsage), the CPU time of each timed run too.
 */
async function timeLoss(batch, { warmups, repeats, lossName = 'supcon', asyncRead = false, cpuNow }) {
  const x = tf.tidy(() => {
    const r = tf.randomNormal([batch, VIEWS, DIM], 0, 1, 'float32', 3);
    return tf.div(r, tf.norm(r, 'euclidean', -1, true));
  });
  const labels = tf.randomUniform([batch], 0, 10, 'int32', 5);
  const lossFn = makeLossFn(lossName);
  const step = tf.valueAndGrad((f) => lossFn(f, labels));
  const cpuTimes = [];
  const once = async () => {
    const start = performance.now();
    const cpuStart = cpuNow?.();
    const { value, grad } = step(x);
    if (asyncRead) await Promise.all([value.data(), grad.data()]);
    else {
      value.dataSync();
      grad.dataSync();
    }
    tf.dispose([value, grad]);
    if (cpuNow) cpuTimes.push(cpuNow() - cpuStart);
    return performance.now() - start;
  };
  const before = tf.memory().numTensors;
  for (let i = 0; i < warmups; i++) await once(); // kernel set-up, JIT, wasm heap growth
  cpuTimes.length = 0;
  const times = [];
  for (let i = 0; i < repeats; i++) times.push(await once());
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, labels]);
  return { times, ...(cpuNow ? { cpuTimes } : {}), leaked };
}

module.exports = { timeLoss, VIEWS, DIM };
