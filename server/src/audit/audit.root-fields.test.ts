import 'reflect-metadata';
import { getNamedType, GraphQLObjectType, GraphQLSchema, GraphQLString, isObjectType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildLineageSchema } from '../graphql/schema';
import { auditDecisionOf } from './audit.declare';
import { auditImpact, auditLineage, auditLineageNeighbours, auditSearchAll, auditWhy } from './audit.describers';
import { auditRootFields, describeAccess } from './audit.root-fields';
import { MAX_TARGETS } from './audit.verify';

/** Types that carry prediction-level data: a subject key, or generic node properties (which hold a prediction's). */
function carriesPredictionData(type: GraphQLNamedType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return (
    'subjectKey' in fields ||
    type.name === 'LineageNode' ||
    Object.values(fields).some((field) => getNamedType(field.type).name === 'JSONObject' && field.name === 'properties')
  );
}

function reaches(type: GraphQLNamedType, seen = new Set<string>()): boolean {
  if (seen.has(type.name)) return false;
  seen.add(type.name);
  if (carriesPredictionData(type)) return true;
  return isObjectType(type) && Object.values(type.getFields()).some((field) => reaches(getNamedType(field.type), seen));
}

describe('declared auditing', () => {
  it('every Query field declares its audit; every one that can return prediction-level data records it', async () => {
    const schema = await buildLineageSchema();
    const undeclared: string[] = [];
    const unaudited: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      const decision = auditDecisionOf(field.extensions);
      if (!decision) undeclared.push(field.name);
      else if ('notAudited' in decision && reaches(getNamedType(field.type))) unaudited.push(field.name);
    }
    expect(undeclared, 'Query fields without @Audited').toEqual([]);
    expect(unaudited, 'Query fields that reach prediction-level data but are declared not audited').toEqual([]);
    // The fields the issue names are among those recorded.
    const audited = Object.values(schema.getQueryType()!.getFields())
      .filter((field) => {
        const d = auditDecisionOf(field.extensions);
        return d && 'describe' in d;
      })
      .map((field) => field.name);
    expect(audited).toEqual(
      expect.arrayContaining([
        'why',
        'lineage',
        'lineageNeighbours',
        'impact',
        'searchAll',
        'modelVersion',
        'classification',
        'exportSubgraph',
        'complianceReport',
      ]),
    );
  });

  it('a Query field without a declaration fails the schema build, naming it', () => {
    const query = new GraphQLObjectType({ name: 'Query', fields: { renamedWhy: { type: GraphQLString, resolve: () => 'x' } } });
    expect(() => auditRootFields(new GraphQLSchema({ query }))).toThrow(/Query\.renamedWhy has no @Audited/);
  });
});

describe('what the audit records per root field', () => {
  it('a why read names the prediction, its control and every model and member', () => {
    const result = { prediction: { id: 'p1' }, control: { predictionId: 'p1c' }, models: [{ id: 'ens', members: [{ id: 'm1' }, { id: 'm2' }] }] };
    expect(describeAccess('why', false, { describe: auditWhy }, {}, result)).toEqual({
      input: { action: 'read', operation: 'why', targetIds: ['p1', 'p1c', 'ens', 'm1', 'm2'] },
      approvalIds: [],
    });
  });

  it('lineage from any root names the predictions it returns and the prediction groups it aggregated', () => {
    const fromRun = {
      root: { id: 'run1', type: 'Run' },
      nodes: [
        { id: 'run1', type: 'Run' },
        { id: 'p1', type: 'Prediction' },
        { id: 'p2', type: 'Prediction' },
        { id: 'd1', type: 'Dataset' },
      ],
      truncated: [{ nodeId: 'run2', relType: 'MADE_BY', type: 'Prediction', count: 9000, aggregateId: 'agg', outgoing: false }],
    };
    expect(auditLineage({}, fromRun)).toMatchObject({
      action: 'read',
      targetIds: ['run1', 'run2', 'p1', 'p2'],
      details: { predictions: 2, groupedPredictions: 9000, predictionGroups: [{ nodeId: 'run2', relType: 'MADE_BY', count: 9000 }] },
    });
    expect(auditLineage({}, { root: { id: 'p1', type: 'Prediction' }, nodes: [{ id: 'p1', type: 'Prediction' }], truncated: [] })?.targetIds).toEqual(['p1']);
    expect(auditLineage({}, { root: { id: 'd1', type: 'Dataset' }, nodes: [{ id: 'd1', type: 'Dataset' }], truncated: [] })).toBeUndefined();
  });

  it('lineageNeighbours, impact and searchAll name the prediction ids on the page, capped with counts', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, type: 'Prediction' }));
    const page = auditLineageNeighbours({ nodeId: 'run1' }, { nodes, hasNextPage: true })!;
    expect(page.targetIds[0]).toBe('run1');
    expect(page.details).toMatchObject({ predictions: 200, sampled: true, hasNextPage: true });
    expect(describeAccess('lineageNeighbours', false, { describe: auditLineageNeighbours }, { nodeId: 'run1' }, { nodes })!.input.targetIds).toHaveLength(201);
    expect(auditImpact({ nodeId: 'dv1' }, { rootId: 'dv1', predictionCount: 5000, predictions: { edges: [{ node: { id: 'p1' } }] } })).toMatchObject({
      targetIds: ['dv1', 'p1'],
      details: { affectedPredictions: 5000 },
    });
    expect(auditImpact({ nodeId: 'dv1' }, { rootId: 'dv1', predictions: { edges: [] } })).toBeUndefined();
    expect(
      auditSearchAll(
        {},
        {
          subjectPredictions: [{ id: 'p1' }],
          exact: [
            { id: 'p2', kind: 'Prediction' },
            { id: 'm1', kind: 'ModelVersion' },
          ],
        },
      )?.targetIds,
    ).toEqual(['p1', 'p2']);
    expect(auditSearchAll({}, { subjectPredictions: [], exact: [] })).toBeUndefined();
    expect(describeAccess('graphStats', false, { notAudited: 'counts' }, {}, {})).toBeUndefined();
  });

  it('a 10,000-prediction batch is one entry with its count and a bounded sample of ids', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}` }));
    const access = describeAccess('ingestPredictions', true, undefined, { items }, { created: 10_000, unchanged: 0 })!;
    expect(access.input.action).toBe('write');
    expect(access.input.targetIds.length).toBeLessThanOrEqual(MAX_TARGETS);
    expect(access.input.details).toMatchObject({ counts: { predictions: 10_000 }, sampled: true });
  });

  it('a bundle samples every part and hands its approvals to the chain', () => {
    const bundle = { predictions: Array.from({ length: 300 }, (_, i) => ({ id: `p${i}` })), approvals: [{ id: 'a1' }, { id: 'a2' }] };
    const access = describeAccess('ingest', true, undefined, { bundle }, {})!;
    expect(access.input.targetIds).toEqual(expect.arrayContaining(['p0', 'a1', 'a2']));
    expect(access.input.targetIds.length).toBeLessThanOrEqual(MAX_TARGETS);
    expect(access.approvalIds).toEqual(['a1', 'a2']);
    expect(describeAccess('ingestApproval', true, undefined, { item: { id: 'a3' } }, {})?.approvalIds).toEqual(['a3']);
  });

  it('token mutations name the token and never carry its secret', () => {
    const created = describeAccess('createApiToken', true, undefined, { name: 'n', roles: ['INGEST'] }, { token: { id: 't1' }, secret: 'ionl_x_secret' })!;
    expect(created.input).toEqual({ action: 'write', operation: 'createApiToken', targetIds: ['t1'] });
    expect(describeAccess('revokeApiToken', true, undefined, { id: 't1' }, {})?.input.targetIds).toEqual(['t1']);
  });
});
