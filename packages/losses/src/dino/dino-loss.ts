import * as tf from '@tensorflow/tfjs-core';
import { parsePluginOptions, z } from '@contrastive/core';
import { assertFloatRank, lossGuard } from '../internal/validate';
import { initialValue, tensorInit, validateOption } from '../internal/options';
import { withoutGradient } from '../internal/without-gradient';
import { teacherTemperature } from './teacher-temperature';

/** Options of {@link DINOLoss} (defaults as lightly's `DINOLoss`). */
export const dinoOptionsSchema = z
  .object({
    outputDim: z.number().int().positive().default(65536).describe('K, the size of the projection head\'s output (the prototypes)'),
    warmupTeacherTemp: z.number().positive().default(0.04).describe('teacher temperature at epoch 0'),
    teacherTemp: z.number().positive().default(0.04).describe('teacher temperature after the warm-up'),
    warmupTeacherTempEpochs: z.number().int().positive().default(30).describe('epochs of the linear teacher-temperature warm-up'),
    studentTemp: z.number().positive().default(0.1).describe('student temperature'),
    centerMomentum: z.number().min(0).max(1).default(0.9).describe('EMA momentum of the centre'),
    center: tensorInit.optional().describe('initial centre [K] (default zeros), e.g. from a checkpoint'),
    validate: validateOption,
  })
  .strict();

/** What the constructor and a config accept: the schema's input, defaults optional. */
export type DINOLossOptions = z.input<typeof dinoOptionsSchema>;

/** What {@link DINOLoss.compute} scores the student against. */
export interface DINOTarget {
  /** Teacher outputs `[N, T, K]`, one per global crop; constants (no gradient). */
  teacher: tf.Tensor;
  /** The epoch, for the teacher-temperature warm-up; omitted means after the warm-up. */
  epoch?: number;
}

/**
 * DINO's self-distillation loss (Caron et al. 2021), lightly's `DINOLoss`: the cross-entropy
 * between the centred, sharpened teacher distribution `softmax((teacher - center) / T_t)` and the
 * student's `log_softmax(student / T_s)`, summed over every (teacher crop, student crop) pair except
 * student crop v < T against teacher crop v (the same crop), averaged over pairs and the batch.
 *
 * The centre is state: the loss of a call uses the centre from before it; afterwards the centre
 * moves towards the teacher's batch mean, `c = m c + (1 - m) mean(teacher)`. It lives in a
 * non-trainable variable (so it survives `tf.tidy`), read with {@link center} and restored with
 * {@link setCenter} (for checkpoints). Call {@link dispose} when done.
 *
 * Not a config plugin: the teacher is an EMA copy of the student and the crops are multi-crop
 * views, which the contrastive trainer does not build (see docs/losses.md).
 *
 * @example
 * ```ts
 * const dino = new DINOLoss({ outputDim: 4096, teacherTemp: 0.07 });
 * const value = dino.compute(student, { teacher, epoch }); // [N, S, K], [N, T, K]
 * ```
 */
export class DINOLoss {
  /** K, the size of the projection head's output (the prototypes). */
  readonly outputDim: number;
  /** Teacher temperature at epoch 0. */
  readonly warmupTeacherTemp: number;
  /** Teacher temperature after the warm-up. */
  readonly teacherTemp: number;
  /** Epochs of the linear teacher-temperature warm-up. */
  readonly warmupTeacherTempEpochs: number;
  /** Student temperature. */
  readonly studentTemp: number;
  /** EMA momentum of the centre. */
  readonly centerMomentum: number;
  /** Whether inputs are checked (shapes, finiteness) before computing. */
  readonly validate: boolean;
  private readonly centerVariable: tf.Variable;

  constructor(options: DINOLossOptions = {}) {
    const who = 'DINOLoss';
    const parsed = parsePluginOptions(dinoOptionsSchema, options, { kind: 'loss', id: 'dino' });
    this.outputDim = parsed.outputDim;
    this.warmupTeacherTemp = parsed.warmupTeacherTemp;
    this.teacherTemp = parsed.teacherTemp;
    this.warmupTeacherTempEpochs = parsed.warmupTeacherTempEpochs;
    this.studentTemp = parsed.studentTemp;
    this.centerMomentum = parsed.centerMomentum;
    this.validate = parsed.validate;
    const initial = parsed.center === undefined ? tf.zeros([this.outputDim]) : initialValue(parsed.center, [this.outputDim], 'options.center', who);
    this.centerVariable = tf.variable(initial, false);
    initial.dispose();
  }

  /** The centre `[K]` after the last call (host copy; a synchronous read: CPU backends only, see {@link readCenter}). */
  get center(): number[] {
    return Array.from(this.centerVariable.dataSync());
  }

  /** The centre `[K]` after the last call, read asynchronously (any backend). */
  async readCenter(): Promise<number[]> {
    return Array.from(await this.centerVariable.data());
  }

  /** Replaces the centre, e.g. from a checkpoint: `[K]` numbers or a tensor. */
  setCenter(center: tf.Tensor | number[]): void {
    const value = initialValue(center, [this.outputDim], 'center', 'DINOLoss.setCenter');
    this.centerVariable.assign(value);
    value.dispose();
  }

  /** The teacher temperature used at `epoch`. */
  teacherTemperatureAt(epoch?: number): number {
    return teacherTemperature(epoch, this.warmupTeacherTemp, this.teacherTemp, this.warmupTeacherTempEpochs);
  }

  /**
   * @param student `[N, S, K]` float32: the student's outputs for every crop (global crops first).
   * @param target `{ teacher [N, T, K], epoch? }`: the teacher's outputs for the T global crops.
   * @returns the mean cross-entropy; updates the centre afterwards.
   */
  compute(student: tf.Tensor, target: DINOTarget): tf.Scalar {
    const who = 'DINOLoss.compute';
    const s = assertFloatRank(student, 3, '[N, S, K]', 'student', who);
    if (!target || target.teacher === undefined) throw new Error(`${who}: target.teacher [N, T, ${this.outputDim}] is required`);
    const t = assertFloatRank(target.teacher, 3, '[N, T, K]', 'target.teacher', who);
    const [n, crops, k] = s.shape;
    const views = t.shape[1] as number;
    if (k !== this.outputDim) throw new Error(`${who}: student must have outputDim = ${this.outputDim} features, got shape [${s.shape.join(', ')}]`);
    if (t.shape[0] !== n || t.shape[2] !== k) {
      throw new Error(`${who}: target.teacher must have shape [${n}, T, ${k}], got [${t.shape.join(', ')}]`);
    }
    if (crops * views - Math.min(crops, views) === 0) {
      throw new Error(`${who}: a single student crop against the same single teacher crop leaves no pair to score; pass more crops`);
    }
    const { epoch } = target;
    if (epoch !== undefined && (!Number.isInteger(epoch) || epoch < 0)) throw new Error(`${who}: target.epoch must be an integer >= 0, got ${String(epoch)}`);
    const guard = lossGuard(this.validate, [{ tensor: s, name: 'student', kind: 'finite' }, { tensor: t, name: 'target.teacher', kind: 'finite' }], who);
    const temperature = this.teacherTemperatureAt(epoch);
    const loss = tf.tidy(() => {
      const teacherProbs = withoutGradient(() => tf.softmax(tf.div(tf.sub(t, this.centerVariable), temperature)));
      const studentLogProbs = tf.logSoftmax(tf.div(s, this.studentTemp));
      // Sum over all (teacher, student) crop pairs, minus the pairs of a crop with itself.
      const allPairs = tf.sum(tf.mul(tf.sum(teacherProbs, 1), tf.sum(studentLogProbs, 1)));
      const same = Math.min(crops, views);
      const samePairs = tf.sum(tf.mul(tf.slice(teacherProbs, [0, 0, 0], [n, same, k]), tf.slice(studentLogProbs, [0, 0, 0], [n, same, k])));
      const pairs = crops * views - same;
      return guard(tf.div(tf.neg(tf.sub(allPairs, samePairs)), pairs * n) as tf.Scalar);
    });
    this.updateCenter(t);
    return loss;
  }

  /** Releases the centre variable. */
  dispose(): void {
    this.centerVariable.dispose();
  }

  private updateCenter(teacher: tf.Tensor3D | tf.Tensor): void {
    const next = tf.tidy(() =>
      withoutGradient(() => {
        const batchCenter = tf.mean(tf.reshape(teacher, [-1, this.outputDim]), 0);
        return tf.add(tf.mul(this.centerVariable, this.centerMomentum), tf.mul(batchCenter, 1 - this.centerMomentum));
      }),
    );
    this.centerVariable.assign(next);
    next.dispose();
  }
}
