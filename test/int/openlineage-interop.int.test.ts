/**
 * Interop: the real `openlineage-python` client from PyPI (HTTP transport configured from
 * OPENLINEAGE_URL and OPENLINEAGE_API_KEY, one client with gzip bodies) emits a DAG run with a
 * training task and a failing scoring task; the lineage is then read back through GraphQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { openLineagePython, runInterop } from '../interop/venv';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let ids: { dagRun: string; trainRun: string; scoreRun: string; namespace: string; dag: string };

beforeAll(async () => {
  // First run creates the venv and installs the client (cached under node_modules/.cache).
  await openLineagePython();
  server = await startTestServer();
  const { stdout } = await runInterop('emit_openlineage.py', {
    OPENLINEAGE_URL: server.url,
    OPENLINEAGE_API_KEY: await server.token(Role.INGEST),
    OL_TEST_NAMESPACE: `interop-${Date.now()}`,
    OL_TEST_DAG: 'fraud_daily',
    // The client must not fall back to a config file or console transport of the machine.
    OPENLINEAGE_CONFIG: '/nonexistent/openlineage.yml',
  });
  ids = JSON.parse(stdout.trim().split('\n').at(-1)!);
}, 600_000);

afterAll(async () => {
  await server?.close();
});

interface Node {
  id: string;
  type: string;
  properties: Record<string, unknown>;
}

async function lineage(nodeId: string, direction: 'UPSTREAM' | 'DOWNSTREAM', depth: number) {
  const res = await server.gql<{ lineage: { nodes: Node[]; edges: Array<{ source: string; target: string; type: string }> } }>(
    `query L($id: String!, $d: LineageDirection!, $depth: Int!) { lineage(nodeId: $id, direction: $d, depth: $depth) { nodes { id type properties } edges { source target type } } }`,
    { id: nodeId, d: direction, depth },
    { as: Role.INVESTIGATOR },
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.lineage;
}

describe('openlineage-python client → /api/v1/lineage', () => {
  it('the training run produced the model version from the transactions table, with its code and parameters', async () => {
    const modelVersion = 'ol-model:s3://risk-models:fraud-detector@2026.03.05';
    const graph = await lineage(modelVersion, 'UPSTREAM', 3);
    const train = graph.nodes.find((n) => n.id === ids.trainRun)!;
    expect(train).toBeDefined();
    expect(train.properties).toMatchObject({ kind: 'TRAINING', status: 'COMPLETED', codeVersion: '9b1e7d2', engine: 'Airflow', engineVersion: '2.10.4' });
    expect(JSON.parse(String(train.properties.params))).toEqual({ n_estimators: '400', class_weight: 'balanced' });
    expect(graph.edges).toContainEqual({ source: ids.trainRun, target: modelVersion, type: 'PRODUCED' });
    const read = graph.edges.filter((e) => e.source === ids.trainRun && e.type === 'READ').map((e) => graph.nodes.find((n) => n.id === e.target)!);
    expect(read.map((n) => n.type)).toEqual(['DatasetVersion']);
    expect(graph.nodes.some((n) => n.id === 'ol-dataset:postgres://payments-db:5432:payments.public.transactions')).toBe(true);
  });

  it('the failed scoring run loaded the model and logged its error', async () => {
    const graph = await lineage(ids.scoreRun, 'DOWNSTREAM', 1);
    expect(graph.nodes.find((n) => n.id === ids.scoreRun)!.properties).toMatchObject({ status: 'FAILED', kind: 'INFERENCE' });
    const error = graph.nodes.find((n) => n.type === 'Event');
    expect(error?.properties).toMatchObject({ type: 'ERROR', message: "ValueError: feature 'merchant_risk' missing from input" });
    const upstream = await lineage(ids.scoreRun, 'UPSTREAM', 1);
    expect(upstream.edges).toContainEqual({ source: ids.scoreRun, target: 'ol-model:s3://risk-models:fraud-detector@2026.03.05', type: 'LOADED' });
  });

  it('the DAG is an ION; its run is a failed instance holding all three runs', async () => {
    const res = await server.gql<{
      ion: { nodes: Array<{ id: string; role: string }>; instances: { edges: Array<{ node: { id: string; status: string; runCount: number } }> } };
    }>(
      `query I($id: String!) { ion(id: $id) { nodes { id role } instances { edges { node { id status runCount } } } } }`,
      { id: `ol-ion:${ids.namespace}:${ids.dag}` },
      { as: Role.INVESTIGATOR },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const ion = res.body.data!.ion;
    expect(Object.fromEntries(ion.nodes.map((n) => [n.id, n.role]))).toEqual({
      [`ol-job:${ids.namespace}:${ids.dag}`]: 'ETL',
      [`ol-job:${ids.namespace}:${ids.dag}.train`]: 'TRAINING',
      [`ol-job:${ids.namespace}:${ids.dag}.score`]: 'INFERENCE',
    });
    expect(ion.instances.edges.map((e) => e.node)).toEqual([{ id: `ol-instance:${ids.dagRun}`, status: 'FAILED', runCount: 3 }]);
  });
});
