import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import { applyTestSchema, connectTestGraph, type TestGraph, wipeGraph } from '../support/neo4j';

/** Test-only read of the whole graph's shape: node counts per label and relationships per type. */
async function graphShape(driver: Driver): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  // The impact and compliance counters (random write shards) are checked by the maintained-state test.
  const nodes = await driver.executeQuery(
    'MATCH (n) WHERE NOT n:SchemaMeta AND NOT n:UseCount AND NOT n:UnversionedCount AND NOT n:MaintainedState RETURN labels(n)[0] AS label, count(*) AS count',
  );
  const relationships = await driver.executeQuery('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count');
  const table = (records: typeof nodes.records, key: string) =>
    Object.fromEntries(
      records.map((record) => [record.get(key) as string, Number(record.get('count'))]).sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return { nodes: table(nodes.records, 'label'), relationships: table(relationships.records, 'type') };
}

/** The demo scenario through the real ingest service: what the truth counts, and replays change nothing. */
describe('demo scenario load', () => {
  const scenario = generateScenario({ seed: 11, predictions: 1_500 });
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await connectTestGraph();
    await wipeGraph(graph.driver);
    await applyTestSchema(graph);
  });
  afterAll(async () => graph?.driver.close());

  it('stores exactly the counts of the ground truth', async () => {
    await loadScenario(graph.services.ingest, scenario);
    const { nodes, relationships } = await graphShape(graph.driver);
    const c = scenario.truth.counts;
    // Derived state beside the scenario's items: one drift signature per run that made predictions.
    const servingRuns = new Set<string>();
    for (const batch of scenario.predictionBatches()) for (const p of batch.predictions ?? []) servingRuns.add(p.runId);
    expect(nodes).toEqual({
      Signature: servingRuns.size,
      Approval: c.approvals,
      Dataset: c.datasets,
      DatasetVersion: c.datasetVersions,
      Deployment: c.deployments,
      Event: c.events,
      Feature: c.features,
      ION: c.ions,
      IONInstance: c.ionInstances,
      Model: c.models,
      ModelVersion: c.modelVersions,
      PipelineNode: c.pipelineNodes,
      Prediction: c.predictions,
      Principal: c.principals,
      Run: c.runs,
      Stage: c.stages,
    });
    expect(relationships.LOADED).toBe(c.modelLoads);
    expect(relationships.MADE_BY).toBe(c.predictions);
  });

  it('loaded a second time gives identical counts, every item reported unchanged', async () => {
    const before = await graphShape(graph.driver);
    const results: unknown[] = [];
    await loadScenario({ ingestBundle: async (bundle) => results.push(await graph.services.ingest.ingestBundle(bundle)) }, scenario);
    expect(await graphShape(graph.driver)).toEqual(before);
    for (const result of results as Array<Record<string, { created: number; unchanged: number }>>) {
      for (const part of Object.values(result)) expect(part.created).toBe(0);
    }
  });
});
