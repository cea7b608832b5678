/** What a training stage recorded; saved in checkpoints so a resumed run continues the same loss curve. */
export interface TrainingHistory {
  /** Loss of every step, in order (a resumed run includes the steps before the checkpoint). */
  loss: number[];
  learningRate: number[];
  epochLoss: number[];
  stopReason?: string;
  elapsedMs: number;
}

export function emptyHistory(): TrainingHistory {
  return { loss: [], learningRate: [], epochLoss: [], elapsedMs: 0 };
}
