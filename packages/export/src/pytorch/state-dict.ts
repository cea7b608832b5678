import { nodeTensors, type PortableGraph, type PortableTensor } from '../graph/portable-graph';
import type { PortableModel } from '../graph/portable-model';

/** The tensors of a traced model under the `state_dict` names of the generated `model.py` (`encoder.conv1.weight`, ...). */
export function stateDictEntries(model: PortableModel): Array<[string, PortableTensor]> {
  const entries: Array<[string, PortableTensor]> = [];
  const add = (prefix: string, graph: PortableGraph): void => {
    for (const node of graph.nodes) {
      for (const [key, tensor] of nodeTensors(node)) entries.push([`${prefix}.${node.name}.${key}`, tensor]);
    }
  };
  add('encoder', model.encoder);
  if (model.head) add('head', model.head);
  return entries;
}
