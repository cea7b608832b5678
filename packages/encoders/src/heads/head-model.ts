import * as tfl from '@tensorflow/tfjs-layers';
import { l2Normalize } from '../layers/l2-normalize';

/** A head's model: its projection, L2-normalised unless `normalize` is false (VICReg, Barlow Twins). */
export function headModel(
  input: tfl.SymbolicTensor,
  projection: tfl.SymbolicTensor,
  normalize: boolean,
  name: string,
): tfl.LayersModel {
  const output = normalize ? (l2Normalize().apply(projection) as tfl.SymbolicTensor) : projection;
  return tfl.model({ inputs: input, outputs: output, name });
}
