/** What a training stage recorded; saved in checkpoints so a resumed run continues the same loss curve. */
export interface TrainingHistory {
  /** Loss of every step, in order (a resumed run includes the steps before the checkpoint). */
  loss: number[];
  /** Learning rate of every step. */
  learningRate: number[];
  /** Mean loss of every completed epoch. */
  epochLoss: number[];
  /** Why the run stopped early, if it did. */
  stopReason?: string;
  /** Training time, in milliseconds (a resumed run adds to it). */
  elapsedMs: number;
}

export function emptyHistory(): TrainingHistory {
  return { loss: [], learningRate: [], epochLoss: [], elapsedMs: 0 };
}
