import type { IonDefinition, IonInput } from '@ion-lineage/contract';
import type { EntitySpec } from '../engine';
import { ionSchema } from '@ion-lineage/contract/schemas';
import { checkIonDefinition } from '../../ion/ion-definition';
import { orNull, tagRows } from './to-row';

export const ionSpec: EntitySpec<IonInput> = {
  part: 'ions',
  label: 'ION',
  schema: ionSchema as never,
  key: (item) => item.id,
  refs: () => [],
  // Pipeline node ids are global: a new ION may not take over another ION's nodes.
  newRefs: (item) => item.definition.nodes.map((node, i) => ({ field: `definition.nodes[${i}].id`, label: 'PipelineNode', id: node.id })),
  check: (item) => checkIonDefinition(item.definition),
  toRow: (item, hash) => {
    const definition: IonDefinition = item.definition;
    return {
      id: item.id,
      name: item.name,
      version: item.version,
      description: orNull(item.description),
      definition: JSON.stringify(definition),
      policy: definition.policy ? JSON.stringify(definition.policy) : null,
      nodes: definition.nodes.map((node) => ({ id: node.id, name: node.name, role: node.role, engine: orNull(node.engine), codeRepo: orNull(node.codeRepo) })),
      edges: definition.edges,
      tags: tagRows(item.tags),
      hash,
    };
  },
  writeQueries: ['ingest/ions'],
};
