import { tf, allFinite } from '../setup';
import { DINOLoss } from '../../src';

describe('DINOLoss', () => {
  const student = () => tf.randomNormal([4, 3, 8], 0, 1, 'float32', 1);
  const teacher = () => tf.randomNormal([4, 2, 8], 0, 1, 'float32', 2);

  it('keeps its centre as state across calls and tf.tidy: c = m c + (1 - m) mean(teacher)', () => {
    const loss = new DINOLoss({ outputDim: 8, centerMomentum: 0.9 });
    expect(loss.center).toEqual(new Array(8).fill(0));
    const t = teacher();
    const s = student();
    const mean = Array.from(tf.mean(tf.reshape(t, [-1, 8]), 0).dataSync());
    tf.tidy(() => loss.compute(s, { teacher: t, epoch: 0 }));
    loss.center.forEach((c, k) => expect(c).toBeCloseTo(0.1 * mean[k], 6));
    tf.tidy(() => loss.compute(s, { teacher: t, epoch: 0 }));
    loss.center.forEach((c, k) => expect(c).toBeCloseTo(0.9 * 0.1 * mean[k] + 0.1 * mean[k], 6));
    tf.dispose([t, s]);
    loss.dispose();
  });

  it('uses the centre from before the call, so restoring it (setCenter) reproduces a value', () => {
    const loss = new DINOLoss({ outputDim: 8 });
    const [s, t] = [student(), teacher()];
    const saved = loss.center;
    const first = loss.compute(s, { teacher: t });
    loss.setCenter(saved);
    const again = loss.compute(s, { teacher: t });
    expect(again.dataSync()[0]).toBe(first.dataSync()[0]);
    const restored = new DINOLoss({ outputDim: 8, center: tf.tensor1d(loss.center) });
    expect(restored.center).toEqual(loss.center);
    tf.dispose([s, t, first, again]);
    loss.dispose();
    restored.dispose();
  });

  it('teacher temperature: linear warm-up by epoch, one warm-up epoch uses the warm-up value, no epoch the final one', () => {
    const loss = new DINOLoss({ outputDim: 4, warmupTeacherTemp: 0.04, teacherTemp: 0.07, warmupTeacherTempEpochs: 4 });
    expect([0, 1, 2, 3, 4, 10].map((e) => loss.teacherTemperatureAt(e))).toEqual([0.04, 0.05, 0.06, 0.07, 0.07, 0.07].map((v, i) => (i === 1 || i === 2 ? expect.closeTo(v, 12) : v)));
    expect(loss.teacherTemperatureAt()).toBe(0.07);
    const single = new DINOLoss({ outputDim: 4, warmupTeacherTemp: 0.03, teacherTemp: 0.05, warmupTeacherTempEpochs: 1 });
    expect([single.teacherTemperatureAt(0), single.teacherTemperatureAt(1)]).toEqual([0.03, 0.05]);
    loss.dispose();
    single.dispose();
  });

  it('is finite on extreme logits and leaks nothing but keeps one centre', () => {
    const loss = new DINOLoss({ outputDim: 8 });
    const s = tf.mul(student(), 1e3);
    const t = tf.mul(teacher(), 1e3);
    const step = () => {
      const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => loss.compute(x, { teacher: t, epoch: 3 }))(s);
      expect(Number.isFinite(value.dataSync()[0])).toBe(true);
      expect(allFinite(grad.dataSync())).toBe(true);
      tf.dispose([value, grad]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 30; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    expect(allFinite(loss.center)).toBe(true);
    tf.dispose([s, t]);
    loss.dispose();
  });

  it('names bad input', () => {
    expect(() => new DINOLoss({ outputDim: 0 })).toThrow(/invalid options for loss 'dino':\n {2}loss\.options\.outputDim/);
    expect(() => new DINOLoss({ outputDim: 4, centerMomentum: 1.5 })).toThrow(/options\.centerMomentum/);
    expect(() => new DINOLoss({ outputDim: 4, center: [0, 0, 0] })).toThrow(/options\.center must have shape \[4\], got \[3\]/);
    expect(() => new DINOLoss({ outputDim: 4, center: [0, 0, 0, Number.NaN] })).toThrow(/options\.center must contain finite values/);
    const loss = new DINOLoss({ outputDim: 8 });
    const [s, t] = [student(), teacher()];
    expect(() => loss.compute(s, undefined as never)).toThrow(/target\.teacher \[N, T, 8\] is required/);
    expect(() => loss.compute(tf.ones([4, 3, 6]), { teacher: t })).toThrow(/student must have outputDim = 8 features/);
    expect(() => loss.compute(s, { teacher: tf.ones([3, 2, 8]) })).toThrow(/target\.teacher must have shape \[4, T, 8\], got \[3, 2, 8\]/);
    expect(() => loss.compute(tf.ones([4, 1, 8]), { teacher: tf.ones([4, 1, 8]) })).toThrow(/no pair to score/);
    expect(() => loss.compute(s, { teacher: t, epoch: -1 })).toThrow(/target\.epoch must be an integer >= 0, got -1/);
    expect(() => loss.compute(s, { teacher: t, epoch: 1.5 })).toThrow(/target\.epoch/);
    expect(() => loss.setCenter([1, 2])).toThrow(/DINOLoss\.setCenter: center must have shape \[8\], got \[2\]/);
    tf.dispose([s, t]);
    loss.dispose();
  });
});
