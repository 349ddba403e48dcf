/**
 * (d) Reads that return prediction-level data are audited whatever their root: lineage and
 * lineageNeighbours rooted at an inference run, and impact rooted at a dataset version, each
 * leave an entry naming the predictions they returned, found by accessLog per prediction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { dataOf, loadProvenanceFixture, type ProvenanceFixture } from '../support/provenance';
import { readRows } from '../support/neo4j';

let fx: ProvenanceFixture;
let runId: string;

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(fx.server.graph.driver, query, params);
}

interface Entry {
  seq: number;
  operation: string;
  principalId: string;
  action: string;
  targetIds: string[];
  details: Record<string, unknown> | null;
  verified: boolean;
}
async function accessLog(targetId: string): Promise<Entry[]> {
  return dataOf(
    await fx.server.gql<{ accessLog: { entries: Entry[] } }>(
      'query ($t: String!) { accessLog(targetId: $t) { entries { seq operation principalId action targetIds details verified } } }',
      { t: targetId },
      { as: Role.AUDITOR },
    ),
  ).accessLog.entries;
}

beforeAll(async () => {
  fx = await loadProvenanceFixture({ readOnly: true });
  // An inference run with several predictions (serving runs are short: a few predictions each).
  const runs = await cypher<{ id: string; n: number }>(
    'MATCH (r:Run) WITH r, COUNT { (r)<-[:MADE_BY]-(:Prediction) } AS n WHERE 3 <= n <= 500 RETURN r.id AS id, n ORDER BY n DESC LIMIT 1',
  );
  const stats = await cypher('MATCH (r:Run) WITH r, COUNT { (r)<-[:MADE_BY]-(:Prediction) } AS n RETURN n, count(*) AS runs ORDER BY n DESC LIMIT 5');
  expect(runs, `an inference run with 3–500 predictions (runs by prediction count: ${JSON.stringify(stats)})`).toHaveLength(1);
  runId = runs[0]!.id;
}, 240_000);

afterAll(async () => {
  await fx?.server.close();
});

describe('reads of prediction-level data are audited from any root', () => {
  it('lineage rooted at a run names the predictions it returned', async () => {
    const graph = dataOf(
      await fx.server.gql<{ lineage: { nodes: Array<{ id: string; type: string }> } }>(
        'query ($id: String!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 1, neighbourLimit: 500) { nodes { id type } } }',
        { id: runId },
        { as: Role.SCIENTIST },
      ),
    ).lineage;
    const predictions = graph.nodes.filter((node) => node.type === 'Prediction').map((node) => node.id);
    expect(predictions.length).toBeGreaterThan(0);
    for (const id of predictions.slice(0, 5)) {
      expect((await accessLog(id))[0], id).toMatchObject({ operation: 'lineage', principalId: 'test:SCIENTIST', action: 'read', verified: true });
    }
    const [entry] = await accessLog(runId);
    expect(entry).toMatchObject({ operation: 'lineage', details: { predictions: predictions.length } });
    expect(entry!.targetIds[0]).toBe(runId);
  });

  it('lineage whose predictions come back as an aggregate records the group and its count', async () => {
    dataOf(
      await fx.server.gql(
        'query ($id: String!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 1, neighbourLimit: 1) { depth } }',
        { id: runId },
        { as: Role.SCIENTIST },
      ),
    );
    const [entry] = await accessLog(runId);
    expect(entry).toMatchObject({ operation: 'lineage', principalId: 'test:SCIENTIST' });
    const groups = (entry!.details as { predictionGroups: Array<{ nodeId: string; relType: string; count: number }> }).predictionGroups;
    expect(groups).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: runId, relType: 'MADE_BY' })]));
    expect(groups.find((group) => group.nodeId === runId)!.count).toBeGreaterThan(1);
  });

  it('lineageNeighbours through MADE_BY names the page of predictions', async () => {
    const page = dataOf(
      await fx.server.gql<{ lineageNeighbours: { nodes: Array<{ id: string }> } }>(
        'query ($id: String!) { lineageNeighbours(nodeId: $id, relType: "MADE_BY", type: "Prediction", first: 2) { nodes { id } } }',
        { id: runId },
        { as: Role.SCIENTIST },
      ),
    ).lineageNeighbours;
    expect(page.nodes).toHaveLength(2);
    for (const node of page.nodes)
      expect((await accessLog(node.id))[0], node.id).toMatchObject({ operation: 'lineageNeighbours', principalId: 'test:SCIENTIST' });
  });

  it('impact rooted at a dataset version names its page of affected predictions, with the total count', async () => {
    const dv = fx.scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected.datasetVersionIds.find((id) => !id.startsWith('dsv-ct-outcomes'))!;
    const view = dataOf(
      await fx.server.gql<{ impact: { predictionCount: number; predictions: { edges: Array<{ node: { id: string } }> } } }>(
        'query ($id: String!) { impact(nodeId: $id, first: 10) { predictionCount predictions { edges { node { id } } } } }',
        { id: dv },
        { as: Role.SCIENTIST },
      ),
    ).impact;
    expect(view.predictions.edges.length).toBeGreaterThan(0);
    for (const edge of view.predictions.edges)
      expect((await accessLog(edge.node.id))[0], edge.node.id).toMatchObject({ operation: 'impact', principalId: 'test:SCIENTIST' });
    expect((await accessLog(dv))[0]).toMatchObject({ operation: 'impact', details: { affectedPredictions: view.predictionCount } });
  });
});
