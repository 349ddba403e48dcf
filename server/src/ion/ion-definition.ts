import { Ajv, type ErrorObject } from 'ajv';
import type { IonDefinition } from '@ion-lineage/contract';
import type { FieldProblem } from '../errors';
import definitionSchema from './ion-definition.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true });
const validateSchema = ajv.compile<IonDefinition>(definitionSchema);

function describe(error: ErrorObject): FieldProblem {
  const pointer = error.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.');
  const extra = error.keyword === 'additionalProperties' ? ` ('${String(error.params.additionalProperty)}')` : '';
  const allowed = error.keyword === 'enum' ? ` (${(error.params.allowedValues as string[]).join(', ')})` : '';
  return { path: `definition${pointer}`, message: `${error.message ?? 'is invalid'}${extra}${allowed}` };
}

/**
 * Checks an ION definition against its documented JSON Schema, then the rules a schema cannot
 * say: node ids are unique and every edge connects defined nodes.
 */
export function checkIonDefinition(definition: unknown): FieldProblem[] {
  if (!validateSchema(definition)) return (validateSchema.errors ?? []).map(describe);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  definition.nodes.forEach((node, i) => {
    if (seen.has(node.id)) problems.push({ path: `definition.nodes[${i}].id`, message: `duplicate node id '${node.id}'` });
    seen.add(node.id);
  });
  definition.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!seen.has(edge[end])) problems.push({ path: `definition.edges[${i}].${end}`, message: `no node with id '${edge[end]}'` });
    }
  });
  return problems;
}
