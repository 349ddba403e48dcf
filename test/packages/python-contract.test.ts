/**
 * The Python client's contract classes (`clients/python/src/ion_lineage/models.py`) against the
 * GraphQL ingest inputs of `server/schema.graphql`: every input reachable from
 * `IngestBundleInput` has a Python class of the same name with the same fields (wire names),
 * optionality, scalar types, enum values, lists and nested inputs, both ways. Python describes
 * its own classes (`python -m ion_lineage.contract`, standard library only), so the comparison
 * sees exactly what the client sends.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLEnumType, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, type GraphQLInputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';

type Shapes = Record<string, Record<string, string>>;

/** A GraphQL input type written the way `ion_lineage.contract` writes a Python annotation. */
function render(type: GraphQLInputType): string {
  if (type instanceof GraphQLNonNull) return `${render(type.ofType)}!`;
  if (type instanceof GraphQLList) return `[${render(type.ofType)}]`;
  if (type instanceof GraphQLEnumType)
    return `enum(${type
      .getValues()
      .map((v) => v.name)
      .sort()
      .join(',')})`;
  return type.name;
}

/** Every input type reachable from `IngestBundleInput`, field name → rendered type. */
function graphqlShapes(sdl: string): Shapes {
  const schema = buildSchema(sdl);
  const shapes: Shapes = {};
  const visit = (input: GraphQLInputObjectType) => {
    if (shapes[input.name]) return;
    shapes[input.name] = {};
    for (const field of Object.values(input.getFields())) {
      shapes[input.name]![field.name] = render(field.type);
      let inner: GraphQLInputType = field.type;
      while (inner instanceof GraphQLNonNull || inner instanceof GraphQLList) inner = inner.ofType;
      if (inner instanceof GraphQLInputObjectType) visit(inner);
    }
  };
  visit(schema.getType('IngestBundleInput') as GraphQLInputObjectType);
  return shapes;
}

function pythonShapes(): Shapes {
  const out = execFileSync(process.env.PYTHON ?? 'python3', ['-m', 'ion_lineage.contract'], {
    env: { ...process.env, PYTHONPATH: path.join(REPO_ROOT, 'clients/python/src') },
    encoding: 'utf8',
  });
  return JSON.parse(out) as Shapes;
}

/** The differences between two descriptions, one line each (empty when they agree). */
function differences(graphql: Shapes, python: Shapes): string[] {
  const problems: string[] = [];
  for (const name of new Set([...Object.keys(graphql), ...Object.keys(python)])) {
    const g = graphql[name];
    const p = python[name];
    if (!g || !p) {
      problems.push(`${name}: only in ${g ? 'server/schema.graphql' : 'the Python client'}`);
      continue;
    }
    for (const field of new Set([...Object.keys(g), ...Object.keys(p)])) {
      if (g[field] !== p[field]) problems.push(`${name}.${field}: GraphQL ${g[field] ?? '(none)'}, Python ${p[field] ?? '(none)'}`);
    }
  }
  return problems.sort();
}

describe('Python client models match server/schema.graphql', () => {
  const graphql = graphqlShapes(fs.readFileSync(path.join(REPO_ROOT, 'server/schema.graphql'), 'utf8'));
  const python = pythonShapes();

  it('has one class per ingest input, with the same fields, optionality and types', () => {
    expect(Object.keys(graphql)).toContain('PredictionInput');
    expect(differences(graphql, python)).toEqual([]);
  });

  it('notices a field added on either side only', () => {
    const added = structuredClone(graphql);
    added.PredictionInput!.confidence = 'Float';
    expect(differences(added, python)).toEqual(['PredictionInput.confidence: GraphQL Float, Python (none)']);
    const optional = structuredClone(python);
    optional.RunInput!.status = 'enum(ABORTED,COMPLETED,FAILED,RUNNING)';
    expect(differences(graphql, optional)).toEqual([
      'RunInput.status: GraphQL enum(ABORTED,COMPLETED,FAILED,RUNNING)!, Python enum(ABORTED,COMPLETED,FAILED,RUNNING)',
    ]);
  });
});
