/**
 * Interop: the real `openlineage-python` client sends a Spark-shaped run with `columnLineage`,
 * `ownership` and `tags` facets and a dbt-shaped test run with `dataQualityMetrics` and
 * `dataQualityAssertions`. A feature of the feature table, a model trained on it and a
 * prediction are then recorded through GraphQL, and `impact` and `lineage` start from the
 * source column `labs.crp_mg_l`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestBundle } from '@ion-lineage/contract';
import { Role } from '../../server/src/auth/roles';
import { openLineagePython, runInterop } from '../interop/venv';
import { INGEST_BUNDLE } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let ids: { sparkRun: string; dbtRun: string; ehr: string; warehouse: string; namespace: string };
const labsVersion = () => `ol-dataset:${ids.ehr}:labs@2026-03-05`;
const crpColumn = () => `ol-dataset:${ids.ehr}:labs#crp_mg_l`;
const featureTable = () => `ol-dataset:${ids.warehouse}:features.patient_features`;

beforeAll(async () => {
  await openLineagePython();
  server = await startTestServer();
  const { stdout } = await runInterop('emit_facets.py', {
    OPENLINEAGE_URL: server.url,
    OPENLINEAGE_API_KEY: await server.token(Role.INGEST),
    OL_TEST_NAMESPACE: `facets-${Date.now()}`,
    OPENLINEAGE_CONFIG: '/nonexistent/openlineage.yml',
  });
  ids = JSON.parse(stdout.trim().split('\n').at(-1)!);
  // A model trained on the feature table's crp_mg_l column, and one prediction of it.
  const bundle: IngestBundle = {
    ions: [{ id: 'ion-col', name: 'sepsis', version: '1', definition: { nodes: [{ id: 'pn-col-train', name: 'train', role: 'TRAINING' }], edges: [] } }],
    features: [{ id: 'f-col-crp', name: 'crp_mg_l', dtype: 'float', classification: 'INTERNAL', derivedFromDatasetIds: [featureTable()] }],
    models: [{ id: 'm-col', name: 'sepsis' }],
    runs: [
      {
        id: 'run-col-train',
        pipelineNodeId: 'pn-col-train',
        kind: 'TRAINING',
        startedAt: '2026-03-06T00:00:00Z',
        status: 'COMPLETED',
        usedFeatureIds: ['f-col-crp'],
        readDatasetVersionIds: [labsVersion()],
      },
      { id: 'run-col-score', pipelineNodeId: 'pn-col-train', kind: 'INFERENCE', startedAt: '2026-03-07T00:00:00Z', status: 'COMPLETED' },
    ],
    modelVersions: [
      { id: 'mv-col', modelId: 'm-col', version: '1', algorithm: 'logreg', format: 'ONNX', status: 'APPROVED', producedByRunId: 'run-col-train' },
    ],
    predictions: [
      {
        id: 'p-col',
        runId: 'run-col-score',
        requestId: 'rq-col',
        subjectKey: 'patient-1',
        at: '2026-03-07T01:00:00Z',
        output: 'ALERT',
        modelVersionIds: ['mv-col'],
      },
    ],
  };
  const res = await server.gql(INGEST_BUNDLE, { bundle });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
}, 600_000);

afterAll(async () => {
  await server?.close();
});

describe('OpenLineage facets from openlineage-python', () => {
  it('columnLineage: output columns DERIVED_FROM input columns; the feature is the column of its feature table', async () => {
    const { records } = await server.graph.driver.executeQuery(
      `MATCH (c:Column)-[r:DERIVED_FROM]->(src:Column) RETURN c.id AS column, src.id AS source, r.transformation AS how ORDER BY column, source`,
    );
    expect(records.map((r) => [r.get('column'), r.get('source'), r.get('how')])).toEqual([
      [`${featureTable()}#age_years`, `ol-dataset:${ids.ehr}:patients#birth_date`, 'DIRECT/TRANSFORMATION'],
      [`${featureTable()}#crp_mg_l`, crpColumn(), 'DIRECT/IDENTITY'],
      [`${featureTable()}#crp_z`, crpColumn(), 'DIRECT/TRANSFORMATION'],
    ]);
    const feature = await server.graph.driver.executeQuery(`MATCH (:Feature {id: 'f-col-crp'})-[:DERIVED_FROM]->(c:Column) RETURN c.id AS id`);
    expect(feature.records.map((r) => r.get('id'))).toEqual([`${featureTable()}#crp_mg_l`]);
  });

  it('impact and lineage start from a source column and reach the feature, the model version and its predictions', async () => {
    const impact = await server.gql<{
      impact: { rootKind: string; modelVersions: Array<{ id: string; predictionCount: number }>; runs: Array<{ id: string }> };
    }>(
      `query($id: String!) { impact(nodeId: $id) { rootKind runs { id } modelVersions { id predictionCount } } }`,
      { id: crpColumn() },
      { as: Role.INVESTIGATOR },
    );
    expect(impact.body.errors, JSON.stringify(impact.body.errors)).toBeUndefined();
    expect(impact.body.data!.impact).toEqual({ rootKind: 'COLUMN', runs: [{ id: 'run-col-train' }], modelVersions: [{ id: 'mv-col', predictionCount: 1 }] });

    const lineage = await server.gql<{ lineage: { nodes: Array<{ id: string; type: string }> } }>(
      `query($id: String!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 6) { nodes { id type } } }`,
      { id: crpColumn() },
      { as: Role.INVESTIGATOR },
    );
    expect(lineage.body.errors, JSON.stringify(lineage.body.errors)).toBeUndefined();
    const reached = lineage.body.data!.lineage.nodes.map((n) => `${n.type}:${n.id}`);
    expect(reached).toEqual(expect.arrayContaining([`Column:${featureTable()}#crp_mg_l`, 'Feature:f-col-crp', 'Run:run-col-train', 'ModelVersion:mv-col']));
  });

  it('dataQualityMetrics and dataQualityAssertions land on the dataset version and show in why and governance', async () => {
    const why = await server.gql<{ why: { models: Array<{ training: { datasetVersions: Array<{ id: string; quality: unknown }> } | null }> } }>(
      `query { why(predictionId: "p-col") { models { training { datasetVersions { id quality { metrics passed failed assertions { assertion success column } } } } } } }`,
      {},
      { as: Role.INVESTIGATOR },
    );
    expect(why.body.errors, JSON.stringify(why.body.errors)).toBeUndefined();
    // The client also sends empty `quantiles`; toMatchObject checks what the emitter set.
    const expected = {
      metrics: { rowCount: 1000, bytes: 65536, columnMetrics: { crp_mg_l: { nullCount: 3, distinctCount: 400, min: 0.1, max: 250 } } },
      passed: 1,
      failed: 1,
      assertions: [
        { assertion: 'not_null', success: false, column: 'crp_mg_l' },
        { assertion: 'unique', success: true, column: 'lab_id' },
      ],
    };
    const dv = why.body.data!.why.models[0]!.training!.datasetVersions.find((d) => d.id === labsVersion());
    expect(dv?.quality).toMatchObject(expected);
    const governance = await server.gql<{ modelVersion: { lineage: { datasetVersions: Array<{ id: string; quality: unknown }> } } }>(
      `query { modelVersion(id: "mv-col") { lineage { datasetVersions { id quality { metrics passed failed assertions { assertion success column } } } } } }`,
      {},
      { as: Role.INVESTIGATOR },
    );
    expect(governance.body.errors, JSON.stringify(governance.body.errors)).toBeUndefined();
    expect(governance.body.data!.modelVersion.lineage.datasetVersions).toMatchObject([{ id: labsVersion(), quality: expected }]);
  });

  it('ownership and tags facets: owners are principals the node is OWNED_BY, tags are searchable', async () => {
    const { records } = await server.graph.driver.executeQuery(
      `MATCH (n)-[o:OWNED_BY]->(p:Principal) WHERE n.id IN $ids RETURN n.id AS node, p.id AS owner, p.kind AS kind, o.type AS type ORDER BY node`,
      { ids: [featureTable(), `ol-job:${ids.namespace}:clinical.build_features`] },
    );
    expect(records.map((r) => [r.get('node'), r.get('owner'), r.get('kind'), r.get('type')])).toEqual([
      [featureTable(), 'ol-owner:team:clinical-data', 'SERVICE', 'MAINTAINER'],
      [`ol-job:${ids.namespace}:clinical.build_features`, 'ol-owner:user:jdoe', 'HUMAN', 'MAINTAINER'],
    ]);
    const search = await server.gql<{ searchAll: { tagged: Array<{ id: string; kind: string }> } }>(
      `query($t: String!) { searchAll(text: $t) { tagged { id kind } } }`,
      { t: 'tier:gold' },
      { as: Role.SCIENTIST },
    );
    expect(search.body.errors, JSON.stringify(search.body.errors)).toBeUndefined();
    expect(search.body.data!.searchAll.tagged).toContainEqual({ id: featureTable(), kind: 'Dataset' });
    const run = await server.graph.driver.executeQuery(`MATCH (r:Run {id: $id}) RETURN r.tags AS tags`, { id: ids.sparkRun });
    // The client adds its own version as a run tag.
    expect(run.records[0]!.get('tags')).toEqual(['spark.app=build-features', 'openlineage_client_version=1.54.0']);
    const job = await server.graph.driver.executeQuery(`MATCH (n:PipelineNode)-[:TAGGED]->(:Tag {id: 'tag:domain=cardiology'}) RETURN n.name AS name`);
    expect(job.records.map((r) => r.get('name'))).toContain('clinical.build_features');
  });
});
