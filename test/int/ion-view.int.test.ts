/**
 * ION views (`ion`, `instances`, `ionTimeline`, `runStages`) on the demo scenario, against the
 * scenario's bundles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IonTimeline, IonView, RunStagesView } from '../../server/src/ion/ion-view.types';
import { type ProvenanceFixture, dataOf, loadProvenanceFixture, sorted } from '../support/provenance';

let fx: ProvenanceFixture;

beforeAll(async () => {
  fx = await loadProvenanceFixture({ readOnly: true });
});

afterAll(async () => {
  await fx?.server.close();
});

const ION = /* GraphQL */ `
  query Ion($id: String!, $after: String) {
    ion(id: $id) {
      id
      name
      version
      policy
      instanceCount
      nodes {
        id
        name
        role
        engine
        codeRepo
      }
      edges {
        from
        to
        message
      }
      instances(first: 2, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            startedAt
            endedAt
            status
            runCount
          }
        }
      }
    }
  }
`;

describe('ion(id)', () => {
  it('returns the template graph and policy as defined, and pages instances newest first', async () => {
    const ionInput = fx.all.ions[0]!;
    const ids: string[] = [];
    let after: string | null = null;
    let view: IonView | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const data: {
        ion: IonView & {
          instances: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string; runCount: number } }> };
        };
      } = dataOf(await fx.server.gql(ION, { id: ionInput.id, after }));
      view = data.ion;
      ids.push(...data.ion.instances.edges.map((edge) => edge.node.id));
      for (const { node } of data.ion.instances.edges) expect(node.runCount).toBe(fx.all.runs.filter((run) => run.instanceId === node.id).length);
      if (!data.ion.instances.pageInfo.hasNextPage) break;
      after = data.ion.instances.pageInfo.endCursor;
    }
    const definition = ionInput.definition;
    expect(sorted(view!.nodes.map((n) => `${n.id}|${n.role}|${n.engine ?? ''}`))).toEqual(
      sorted(definition.nodes.map((n) => `${n.id}|${n.role}|${n.engine ?? ''}`)),
    );
    expect(sorted(view!.edges.map((e) => `${e.from}>${e.to}:${e.message}`))).toEqual(sorted(definition.edges.map((e) => `${e.from}>${e.to}:${e.message}`)));
    expect(view!.policy).toEqual(definition.policy);
    const instances = fx.all.ionInstances.filter((i) => i.ionId === ionInput.id).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    expect(view!.instanceCount).toBe(instances.length);
    expect(ids).toEqual(instances.map((i) => i.id));
  });

  it('answers NOT_FOUND for an unknown ION', async () => {
    const response = await fx.server.gql(ION, { id: 'ion-nope' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

const TIMELINE = /* GraphQL */ `
  query Timeline($ionId: String!, $from: DateTime, $to: DateTime, $limit: Int) {
    ionTimeline(ionId: $ionId, from: $from, to: $to, limit: $limit) {
      truncated
      approvals {
        id
        decision
        at
        pipelineNodeId
        reviewer {
          id
        }
        modelVersionId
      }
      nodes {
        node {
          id
          role
        }
        truncated
        runs {
          id
          kind
          status
          startedAt
          instanceId
        }
        models {
          id
          runId
          createdAt
        }
        approvals {
          id
        }
        events {
          id
          type
          at
          runId
        }
      }
    }
  }
`;

describe('ionTimeline', () => {
  it('lists per node, in time order within the window, its runs, models produced, decisions and events', async () => {
    const ionId = fx.all.ions[0]!.id;
    const from = '2026-03-17T00:00:00.000Z';
    const to = '2026-03-22T00:00:00.000Z';
    const inWindow = (at: string) => at >= from && at < to;
    const { ionTimeline }: { ionTimeline: IonTimeline } = dataOf(await fx.server.gql(TIMELINE, { ionId, from, to, limit: 5000 }));
    expect(ionTimeline.truncated).toBe(false);
    const runsById = new Map(fx.all.runs.map((run) => [run.id, run]));
    const nodeOfRun = (runId: string | undefined) => (runId ? runsById.get(runId)?.pipelineNodeId : undefined);
    for (const lane of ionTimeline.nodes) {
      const runs = fx.all.runs.filter((run) => run.pipelineNodeId === lane.node.id && inWindow(run.startedAt));
      expect(
        lane.runs.map((run) => run.id),
        lane.node.id,
      ).toEqual([...runs].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || (a.id < b.id ? -1 : 1)).map((run) => run.id));
      const models = fx.all.modelVersions.filter((mv) => nodeOfRun(mv.producedByRunId) === lane.node.id && mv.createdAt && inWindow(mv.createdAt));
      expect(sorted(lane.models.map((mv) => mv.id))).toEqual(sorted(models.map((mv) => mv.id)));
      const events = fx.all.events.filter((e) => nodeOfRun(e.runId) === lane.node.id && inWindow(e.at));
      expect(sorted(lane.events.map((e) => e.id))).toEqual(sorted(events.map((e) => e.id)));
      expect(lane.events.map((e) => e.at)).toEqual([...lane.events.map((e) => e.at)].sort());
      const approvals = fx.all.approvals.filter((a) => a.ionId === ionId && inWindow(a.at) && nodeOfRun(a.policyRunId) === lane.node.id);
      expect(sorted(lane.approvals.map((a) => a.id))).toEqual(sorted(approvals.map((a) => a.id)));
    }
    expect(sorted(ionTimeline.approvals.map((a) => a.id))).toEqual(
      sorted(fx.all.approvals.filter((a) => a.ionId === ionId && inWindow(a.at)).map((a) => a.id)),
    );
  });

  it('cuts every list at `limit` and says so', async () => {
    const ionId = fx.all.ions[0]!.id;
    const { ionTimeline }: { ionTimeline: IonTimeline } = dataOf(await fx.server.gql(TIMELINE, { ionId, limit: 2 }));
    expect(ionTimeline.truncated).toBe(true);
    for (const lane of ionTimeline.nodes) {
      expect(lane.runs.length).toBeLessThanOrEqual(2);
      expect(lane.events.length).toBeLessThanOrEqual(2);
    }
    expect(ionTimeline.nodes.some((lane) => lane.truncated)).toBe(true);
  });

  it('rejects an empty window and answers NOT_FOUND for an unknown ION', async () => {
    const empty = await fx.server.gql(TIMELINE, { ionId: fx.all.ions[0]!.id, from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await fx.server.gql(TIMELINE, { ionId: 'ion-nope' });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

const RUN_STAGES = /* GraphQL */ `
  query Stages($runId: String!) {
    runStages(runId: $runId) {
      run {
        id
        kind
        status
        params
        environment
        codeVersion
        pipelineNode {
          id
          name
        }
        ionId
        instanceId
        triggeredBy {
          id
        }
        datasetVersionIds
        featureIds
        producedModelVersionIds
      }
      stages {
        id
        name
        type
        stats
      }
      edges {
        from
        to
      }
    }
  }
`;

describe('runStages', () => {
  it("returns a run's properties and its stage DAG as ingested", async () => {
    const withStages = fx.all.runs.filter((run) => fx.all.stages.some((stage) => stage.runId === run.id));
    expect(withStages.length).toBeGreaterThan(0);
    for (const run of withStages.slice(0, 25)) {
      const { runStages }: { runStages: RunStagesView } = dataOf(await fx.server.gql(RUN_STAGES, { runId: run.id }));
      expect(runStages.run.kind).toBe(run.kind);
      expect(runStages.run.params).toEqual(run.params ?? null);
      expect(runStages.run.environment).toEqual(run.environment ?? null);
      expect(runStages.run.pipelineNode?.id).toBe(run.pipelineNodeId);
      expect(runStages.run.instanceId).toBe(run.instanceId ?? null);
      expect(runStages.run.triggeredBy?.id ?? null).toBe(run.triggeredById ?? null);
      expect(sorted(runStages.run.datasetVersionIds)).toEqual(sorted(run.readDatasetVersionIds ?? []));
      expect(sorted(runStages.run.featureIds)).toEqual(sorted(run.usedFeatureIds ?? []));
      expect(sorted(runStages.run.producedModelVersionIds)).toEqual(
        sorted(fx.all.modelVersions.filter((mv) => mv.producedByRunId === run.id).map((mv) => mv.id)),
      );
      const stages = fx.all.stages.filter((stage) => stage.runId === run.id);
      expect(sorted(runStages.stages.map((s) => s.id))).toEqual(sorted(stages.map((s) => s.id)));
      for (const stage of runStages.stages) expect(stage.stats).toEqual(stages.find((s) => s.id === stage.id)!.stats ?? null);
      const feeds = stages.flatMap((stage) => (stage.feedsStageIds ?? []).map((target) => `${stage.id}>${target}`));
      expect(sorted(runStages.edges.map((e) => `${e.from}>${e.to}`))).toEqual(sorted(feeds));
    }
  });

  it('answers NOT_FOUND for an unknown run', async () => {
    const response = await fx.server.gql(RUN_STAGES, { runId: 'run-nope' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
