/**
 * `why` against the demo scenario's ground truth: the real seed (2,000 requests) loaded through
 * the ingest service, then every named sample checked field by field, plus the subject-and-time
 * lookup, the error codes and the GraphQL surface.
 */
import { Role } from '../../server/src/auth/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '@ion-lineage/contract';
import { ErrorCode } from '../../server/src/errors';
import { flattenModels } from '../../server/src/why/why.transform';
import { WhyService } from '../../server/src/why/why.service';
import type { WhyAnswer } from '../../server/src/why/why.types';
import { collect } from '../../seed/src/testing';
import type { DemoScenario, PredictionTruth } from '../../seed/src/scenario/types';
import { expectErrorCode, loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

const REQUESTS = 2_000;
const NOTABLE = new Set(['ERROR', 'WARNING', 'ALERT', 'DRIFT']);
const MINUTE = 60_000;

let graph: TestGraph;
let scenario: DemoScenario;
let events: EventInput[];
let why: WhyService;

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

/** Events the answer must list: notable ones on the inference or control run within ±window. */
function expectedEvents(truth: PredictionTruth, windowMinutes = 60): string[] {
  const at = Date.parse(truth.at);
  const runs = new Set([truth.inferenceRunId, truth.controlRunId]);
  return sorted(events.filter((e) => runs.has(e.runId) && NOTABLE.has(e.type) && Math.abs(Date.parse(e.at) - at) <= windowMinutes * MINUTE).map((e) => e.id));
}

function indexOf(predictionId: string): number {
  for (let i = 0; i < REQUESTS; i++) if (scenario.truth.predictionId(i) === predictionId) return i;
  throw new Error(`${predictionId} is not a primary prediction`);
}

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: REQUESTS, readOnly: true }));
  events = collect(scenario).all.events;
  why = new WhyService(graph.executor);
});

afterAll(async () => {
  await graph?.driver.close();
});

describe('why: every ground-truth sample', () => {
  it('has the labelled cases to check', () => {
    const labels = scenario.truth.samples.map((s) => s.label);
    expect(labels).toEqual(expect.arrayContaining(['ensemble', 'rollback', 'rejected-model', 'control-differs', 'control-agrees']));
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('sample %i matches the truth', async (i) => {
    const sample = scenario.truth.samples[i];
    if (!sample) return;
    const expected = sample.expected;
    const answer = await why.why({ predictionId: expected.predictionId });

    expect(answer.prediction).toMatchObject({
      id: expected.predictionId,
      requestId: expected.requestId,
      subjectKey: expected.subjectKey,
      output: expected.output,
    });
    expect(Date.parse(answer.prediction.at)).toBe(Date.parse(expected.at));
    expect(answer.prediction.score).toBeCloseTo(expected.score, 6);
    const contributions = answer.prediction.attributions.map((a) => Math.abs(a.contribution));
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    expect(answer.inferenceRun.id).toBe(expected.inferenceRunId);
    expect(answer.inferenceRun.pipelineNode?.role).toBe('INFERENCE');
    expect(answer.ion?.id).toBeTruthy();

    // Models exactly as recorded, ensembles with every member and its weight.
    expect(answer.models.map((m) => m.id).sort()).toEqual([...expected.modelVersionIds].sort());
    const members = answer.models.flatMap((m) => m.members.map((member) => ({ modelVersionId: member.id, weight: member.weight })));
    expect(members.sort((a, b) => a.modelVersionId.localeCompare(b.modelVersionId))).toEqual(
      [...expected.ensembleMembers].sort((a, b) => a.modelVersionId.localeCompare(b.modelVersionId)),
    );

    const all = flattenModels(answer.models);
    expect(sorted(all.flatMap((m) => (m.training ? [m.training.id] : [])))).toEqual(expected.trainingRunIds);
    expect(sorted(all.flatMap((m) => m.training?.datasetVersions.map((dv) => dv.id) ?? []))).toEqual(expected.datasetVersionIds);
    expect(sorted(all.flatMap((m) => m.training?.features.map((f) => f.id) ?? []))).toEqual(expected.featureIds);
    for (const dv of all.flatMap((m) => m.training?.datasetVersions ?? [])) {
      expect(dv.dataset?.name, dv.id).toBeTruthy();
      expect(dv.dataset?.classification, dv.id).toBeTruthy();
    }

    const approvals = all.flatMap((m) =>
      m.approvals.map((a) => ({ approvalId: a.id, principalId: a.reviewer?.id, decision: a.decision, ionId: a.ion?.id, modelVersionId: m.id, at: a.at })),
    );
    const byId = (a: { approvalId: string }, b: { approvalId: string }) => a.approvalId.localeCompare(b.approvalId);
    expect(approvals.map((a) => ({ ...a, at: Date.parse(a.at) })).sort(byId)).toEqual(
      expected.approvals.map((a) => ({ ...a, at: Date.parse(a.at) })).sort(byId),
    );

    expect(answer.deployment?.id).toBe(expected.deploymentId);
    expect(answer.deployment?.modelVersionId).toBe(expected.deployedModelVersionId);

    expect(answer.control).toMatchObject({
      predictionId: expected.controlPredictionId,
      output: expected.controlOutput,
      differs: expected.controlDiffers,
      runId: expected.controlRunId,
    });
    expect(answer.control?.modelVersionIds).toEqual([...expected.controlModelVersionIds].sort());

    expect(answer.events.map((e) => e.id).sort()).toEqual(expectedEvents(expected));
    for (const id of expected.eventIds) {
      const event = events.find((e) => e.id === id)!;
      const inWindow = NOTABLE.has(event.type) && Math.abs(Date.parse(event.at) - Date.parse(expected.at)) <= 60 * MINUTE;
      expect(
        answer.events.some((e) => e.id === id),
        id,
      ).toBe(inWindow);
    }

    // One reproducibility entry per model; the subgraph's edges join its nodes.
    expect(answer.reproducibility.map((r) => r.modelVersionId).sort()).toEqual(all.map((m) => m.id).sort());
    if (all.length === 0) expect(answer.reproducible).toBe(false);
    const nodeIds = new Set(answer.subgraph.nodes.map((n) => n.id));
    for (const edge of answer.subgraph.edges)
      expect(nodeIds.has(edge.source) && nodeIds.has(edge.target), `${edge.source} ${edge.type} ${edge.target}`).toBe(true);
    for (const id of [expected.predictionId, expected.inferenceRunId, ...expected.modelVersionIds, ...expected.trainingRunIds, ...expected.datasetVersionIds]) {
      expect(nodeIds.has(id), id).toBe(true);
    }
  });

  it('shows the hyperparameter-search siblings each chosen run beat', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!;
    const answer = await why.why({ predictionId: sample.expected.predictionId });
    const members = answer.models.flatMap((m) => m.members);
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) {
      const group = scenario.truth.searchGroups.find((g) => g.modelVersionId === member.id);
      if (!group) continue;
      expect(member.training?.searchGroupId).toBe(group.searchGroupId);
      expect(member.training?.searchSiblings.map((s) => s.id).sort()).toEqual(group.runIds.filter((id) => id !== group.bestRunId).sort());
      for (const sibling of member.training!.searchSiblings) expect(sibling.params).toBeTypeOf('object');
    }
  });

  it('marks the rejected model version with its rejection', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'rejected-model')!;
    const answer = await why.why({ predictionId: sample.expected.predictionId });
    const decisions = flattenModels(answer.models).flatMap((m) => m.approvals.map((a) => a.decision));
    expect(decisions).toContain('REJECTED');
  });
});

describe('why: by subject and time', () => {
  it('finds the newest prediction of the subject at or before the time', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'repeat-subject') ?? scenario.truth.samples[0]!;
    const ids = sample.subjectPredictionIds ?? [sample.expected.predictionId];
    for (const id of ids) {
      const truth = scenario.truth.truthForPrediction(indexOf(id));
      const answer = await why.why({ subjectKey: truth.subjectKey, at: truth.at });
      expect(answer.prediction.id).toBe(id);
      const later = await why.why({ subjectKey: truth.subjectKey, at: new Date(Date.parse(truth.at) + 1).toISOString() });
      expect(later.prediction.id).toBe(id);
    }
    const first = scenario.truth.truthForPrediction(indexOf(ids[0]!));
    await expectErrorCode(why.why({ subjectKey: first.subjectKey, at: new Date(Date.parse(first.at) - 1).toISOString() }), ErrorCode.NOT_FOUND);
  });

  it('filters by output', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'repeat-subject');
    if (!sample?.subjectPredictionIds || sample.subjectPredictionIds.length < 2) return;
    const truths = sample.subjectPredictionIds.map((id) => scenario.truth.truthForPrediction(indexOf(id)));
    const last = truths.at(-1)!;
    const answer = await why.why({ subjectKey: last.subjectKey, at: last.at, output: truths[0]!.output });
    const expected = [...truths].reverse().find((t) => t.output === truths[0]!.output)!;
    expect(answer.prediction.id).toBe(expected.predictionId);
  });
});

describe('why: plan', () => {
  it('starts from index seeks and never scans a label', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const query = graph.registry.get('why/explain');
    const operators: string[] = [];
    let dbHits = 0;
    const scans: string[] = [];
    const walk = (plan: { operatorType: string; dbHits: number; arguments: Record<string, unknown>; children: unknown[] }) => {
      const operator = plan.operatorType.split('@')[0]!;
      operators.push(operator);
      if (/Scan/.test(operator)) scans.push(`${operator} ${String(plan.arguments.Details ?? '')}`);
      dbHits += plan.dbHits;
      plan.children.forEach((child) => walk(child as typeof plan));
    };
    for (const params of [
      { predictionId: sample.predictionId, subjectKey: null, at: null, output: null, windowMinutes: 60 },
      { predictionId: null, subjectKey: sample.subjectKey, at: sample.at, output: null, windowMinutes: 60 },
    ]) {
      const session = graph.driver.session({ defaultAccessMode: 'READ' });
      try {
        const result = await session.run(`PROFILE ${query.text}`, params);
        walk(result.summary.profile as never);
      } finally {
        await session.close();
      }
    }
    expect(scans).toEqual([]);
    expect(operators).toContain('NodeUniqueIndexSeek');
    expect(operators).toContain('NodeIndexSeek');
    // A bounded neighbourhood: thousands of predictions in the graph, a few hundred reads here.
    expect(dbHits).toBeLessThan(10_000);
  });
});

describe('why: errors', () => {
  it('NOT_FOUND for an unknown id, BAD_USER_INPUT without id or subject', async () => {
    await expectErrorCode(why.why({ predictionId: 'pred-does-not-exist' }), ErrorCode.NOT_FOUND);
    await expectErrorCode(why.why({}), ErrorCode.BAD_USER_INPUT);
    await expectErrorCode(why.why({ predictionId: 'x', windowMinutes: -1 }), ErrorCode.BAD_USER_INPUT);
  });
});

describe('why over GraphQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the documented fields', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!;
    const result = await server.gql<{ why: WhyAnswer }>(
      `query ($id: String) { why(predictionId: $id) {
        prediction { id output attributions { feature contribution } }
        inferenceRun { id codeVersion pipelineNode { id role } } ionInstance { id } ion { id name }
        models { id members { id weight training { id searchGroupId datasetVersions { id dataset { name classification } }
          searchSiblings { id params metrics evaluation } } approvals { id decision at reviewer { id name } ion { id } } } }
        deployment { id role from to } control { predictionId output differs } events { id type at runId }
        reproducibility { modelVersionId recorded missing complete } reproducible
        subgraph { nodes { id type label } edges { source target type } } } }`,
      { id: sample.expected.predictionId },
    );
    expect(result.body.errors).toBeUndefined();
    const answer = result.body.data!.why;
    expect(answer.prediction.id).toBe(sample.expected.predictionId);
    expect(answer.models[0]!.members).toHaveLength(sample.expected.ensembleMembers.length);
    expect(answer.deployment?.id).toBe(sample.expected.deploymentId);
  });

  it('finds by subject and time, and reports NOT_FOUND and BAD_USER_INPUT with their codes', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'control-differs')!.expected;
    const found = await server.gql<{ why: { prediction: { id: string } } }>(
      'query ($s: String, $at: DateTime) { why(subjectKey: $s, at: $at) { prediction { id } } }',
      { s: sample.subjectKey, at: sample.at },
      { as: Role.INVESTIGATOR },
    );
    expect(found.body.data?.why.prediction.id).toBe(sample.predictionId);
    const missing = await server.gql('query { why(predictionId: "nope") { prediction { id } } }');
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await server.gql('query { why { prediction { id } } }');
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
