import { tf, loadVectors, TEST_BACKENDS_WITH_WEBGPU, casesOn, selectBackend } from '../setup';
import { valueAndGrads, expectValue, expectGradient } from '../vector-checks';
import { DINOLoss } from '../../src';

interface DINOCase {
  name: string;
  teacher_out: number[][][]; // [T, N, K]
  student_out: number[][][]; // [S, N, K]
  epoch: number | null;
  output_dim: number;
  warmup_teacher_temp: number;
  teacher_temp: number;
  warmup_teacher_temp_epochs: number;
  student_temp: number;
  center_momentum: number;
  teacher_temp_used: number;
  center_init: number[];
  center_after: number[];
  loss: number;
  grad: { student_out: number[][][] };
}

const vectors = loadVectors<DINOCase>('dino.json');

/** lightly takes a list of crops `[N, K]`; ours are `[N, crops, K]`. */
const cropsSecond = (crops: number[][][]) => tf.transpose(tf.tensor3d(crops), [1, 0, 2]);

describe.each(TEST_BACKENDS_WITH_WEBGPU)('on %s', (backend) => {
  beforeAll(() => selectBackend(backend));

  describe(`DINOLoss (${vectors.source.slice(0, 60)}...)`, () => {
    casesOn(backend, vectors.cases).forEach(({ c, i }) => {
      it(`case ${i}: ${c.name}, T=${c.teacher_out.length}, S=${c.student_out.length}, K=${c.output_dim}`, async () => {
        const loss = new DINOLoss({
          outputDim: c.output_dim,
          warmupTeacherTemp: c.warmup_teacher_temp,
          teacherTemp: c.teacher_temp,
          warmupTeacherTempEpochs: c.warmup_teacher_temp_epochs,
          studentTemp: c.student_temp,
          centerMomentum: c.center_momentum,
          center: c.center_init,
        });
        expect(loss.teacherTemperatureAt(c.epoch ?? undefined)).toBeCloseTo(c.teacher_temp_used, 12);
        const student = tf.variable(cropsSecond(c.student_out));
        const teacher = tf.variable(cropsSecond(c.teacher_out));
        const epoch = c.epoch ?? undefined;
        const { value, grads } = await valueAndGrads(() => loss.compute(student, { teacher, epoch }), [student, teacher]);
        expectValue(value, c.loss);
        // ours is [N, S, K]; the reference's [S, N, K]
        const studentGrad = tf.tensor3d(grads[0] as Float32Array, student.shape as [number, number, number]);
        expectGradient(await tf.transpose(studentGrad, [1, 0, 2]).data(), c.grad.student_out);
        expect(grads[1]).toBeNull(); // the teacher gets no gradient: not on the tape
        expectGradient(await loss.readCenter(), c.center_after);
        tf.dispose([student, teacher, studentGrad]);
        loss.dispose();
      });
    });
  });
});
