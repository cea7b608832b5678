import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, z } from '@contrastive/core';
import { DINOLoss, dinoOptionsSchema, withoutGradient } from '@contrastive/losses';
import type { StoredTensor } from '../checkpoint/tensor-bundle';
import { defineParadigm } from './define-paradigm';
import type { Paradigm, ParadigmPlan, ParadigmSetup, ParadigmState, ParadigmStep } from './paradigm';
import { EmaTarget, emaTargetOptionsSchema } from './parts/ema-target';
import { attached } from './parts/attached';
import { embedViewGroups, fitViewsToInput } from './view-embedding';

/** The global crops: DINO's teacher sees these two, the student every crop. */
const GLOBAL_CROPS = 2;

/** Options of the `dino` trainer. */
export const dinoParadigmOptionsSchema = z
  .object({
    prototypes: z.number().int().min(2).default(256).describe('K, the number of prototypes (DINO head output; 65536 in the paper)'),
    ...dinoOptionsSchema.pick({
      warmupTeacherTemp: true,
      teacherTemp: true,
      warmupTeacherTempEpochs: true,
      studentTemp: true,
      centerMomentum: true,
    }).shape,
    ...emaTargetOptionsSchema.shape,
  })
  .strict();

/**
 * DINO (Caron et al. 2021): self-distillation with no labels. The student (encoder + head + a
 * weight-normalised prototype layer `W` `[D, K]`) sees every crop of multi-crop; an EMA teacher
 * (same architecture, EMA weights and prototypes) sees the 2 global crops; `DINOLoss` is the
 * cross-entropy between the teacher's centred, sharpened softmax and the student's softmax over
 * every (teacher crop, other student crop) pair. Centring (a running mean of the teacher's
 * outputs, saved in checkpoints) and sharpening (teacher temperature < student temperature)
 * together stop collapse. The prototype layer is `normalize(z) . normalize(W)` with the norm of
 * `W`'s columns fixed at 1, DINO's `norm_last_layer`.
 */
export class Dino implements Paradigm {
  readonly id = 'dino';
  readonly supervised = false;
  private setup?: ParadigmSetup;
  private teacher?: EmaTarget;
  private criterion?: DINOLoss;
  private studentPrototypes?: tf.Variable;
  private teacherPrototypes?: tf.Variable;

  constructor(private readonly options: z.output<typeof dinoParadigmOptionsSchema>) {}

  validate(plan: ParadigmPlan): void {
    if (plan.views < GLOBAL_CROPS) {
      throw new ConfigError(
        `trainer 'dino' needs the 2 global crops (then any local crops): pretrain.views must be >= 2, got ${plan.views}`,
        'pretrain.views',
      );
    }
  }

  attach(setup: ParadigmSetup): void {
    this.setup = setup;
    const { prototypes, momentum, momentumSchedule, ...loss } = this.options;
    this.teacher = new EmaTarget(setup.model, { momentum, momentumSchedule }, setup.totalSteps, `trainer '${this.id}'`);
    this.criterion = new DINOLoss({ ...loss, outputDim: prototypes, validate: false });
    const initial = tf.randomNormal([setup.embeddingDim, prototypes], 0, 1, 'float32', setup.seed + 1);
    this.studentPrototypes = tf.variable(initial, true);
    this.teacherPrototypes = tf.variable(initial, false);
    initial.dispose();
  }

  get trainableVariables(): tf.Variable[] {
    return [attached(this.studentPrototypes, this.id)];
  }

  loss({ groups, epoch }: ParadigmStep): tf.Scalar {
    const { model, inputShape } = attached(this.setup, this.id);
    const teacher = attached(this.teacher, this.id);
    const who = `trainer '${this.id}'`;
    const first = groups[0];
    if (!first || first.viewIndices.length < GLOBAL_CROPS) {
      throw new Error(`${who}: the first ${GLOBAL_CROPS} views must be the global crops, of one size (augment 'multi-crop' makes them so)`);
    }
    const student = scores(embedViewGroups(groups, inputShape, (views) => model.embedViews(views, true), who), this.studentPrototypes!);
    const teacherOutput = tf.tidy(() => {
      const [batch] = first.views.shape;
      const globals = tf.slice(first.views, [0, 0], [batch, GLOBAL_CROPS]);
      // The teacher's embeddings are constants already (EmaTarget); so are its prototypes.
      return withoutGradient(() => scores(teacher.embedViews(fitViewsToInput(globals, inputShape, who)), this.teacherPrototypes!));
    });
    return attached(this.criterion, this.id).compute(student, { teacher: teacherOutput, epoch });
  }

  afterStep(step: number): void {
    const teacher = attached(this.teacher, this.id);
    const { model } = attached(this.setup, this.id);
    const m = teacher.momentumAt(step);
    teacher.update(model, step);
    const next = tf.tidy(() => tf.add(tf.mul(this.teacherPrototypes!, m), tf.mul(this.studentPrototypes!, 1 - m)));
    this.teacherPrototypes!.assign(next);
    next.dispose();
  }

  async getState(): Promise<ParadigmState> {
    const criterion = attached(this.criterion, this.id);
    return {
      meta: { paradigm: this.id, version: 1 },
      tensors: {
        ...(await attached(this.teacher, this.id).save('teacher')),
        'prototypes/student': await stored(attached(this.studentPrototypes, this.id)),
        'prototypes/teacher': await stored(attached(this.teacherPrototypes, this.id)),
        center: { shape: [criterion.outputDim], dtype: 'float32', values: Float32Array.from(criterion.center) },
      },
    };
  }

  setState(state: ParadigmState): void {
    attached(this.teacher, this.id).load(state.tensors, 'teacher');
    restore(attached(this.studentPrototypes, this.id), state.tensors['prototypes/student'], 'prototypes/student');
    restore(attached(this.teacherPrototypes, this.id), state.tensors['prototypes/teacher'], 'prototypes/teacher');
    const center = state.tensors.center;
    if (!center) throw new Error("checkpoint has no DINO 'center'");
    attached(this.criterion, this.id).setCenter(Array.from(center.values));
  }

  dispose(): void {
    this.teacher?.dispose();
    this.criterion?.dispose();
    this.studentPrototypes?.dispose();
    this.teacherPrototypes?.dispose();
  }
}

/** `[B, V, D]` unit embeddings against unit prototype columns: `[B, V, K]` cosine scores. */
function scores(embeddings: tf.Tensor3D, prototypes: tf.Tensor): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, views, dim] = embeddings.shape;
    const unitColumns = tf.div(prototypes, tf.norm(prototypes, 'euclidean', 0, true));
    const flat = tf.matMul(tf.reshape(embeddings, [batch * views, dim]), unitColumns);
    return tf.reshape(flat, [batch, views, prototypes.shape[1] as number]) as tf.Tensor3D;
  });
}

async function stored(variable: tf.Variable): Promise<StoredTensor> {
  return { shape: [...variable.shape], dtype: 'float32', values: ((await variable.data()) as Float32Array).slice() };
}

function restore(variable: tf.Variable, value: StoredTensor | undefined, name: string): void {
  if (!value) throw new Error(`checkpoint has no DINO '${name}'`);
  if (value.shape.join(',') !== variable.shape.join(',')) {
    throw new Error(`checkpoint '${name}' has shape [${value.shape}], this run's is [${variable.shape}]`);
  }
  tf.tidy(() => variable.assign(tf.tensor(value.values, value.shape, 'float32')));
}

/** The `dino` trainer plugin. */
export const dinoPlugin = defineParadigm(
  'dino',
  'DINO: student vs EMA teacher over multi-crop (2 global + k local), prototype layer, centring and sharpening',
  dinoParadigmOptionsSchema,
  (options) => new Dino(options),
);
