/**
 * The OpenLineage endpoints over HTTP against a real Neo4j, with events shaped like those the
 * Airflow and Spark integrations emit: an Airflow DAG run (parent) with an extract task and a
 * training task, and a Spark job that fails. The graph is checked through GraphQL (lineage,
 * search, ION views); replays, out-of-order delivery and bad input are covered too.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { OpenLineageService } from '../../server/src/openlineage/openlineage.service';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
});

afterAll(async () => {
  await server?.close();
});

const PRODUCER = 'https://github.com/apache/airflow/tree/providers-openlineage/2.3.0';
const SPARK = 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/spark';
const EVENT_SCHEMA = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
const facet = (name: string, version: string, body: Record<string, unknown>, producer = PRODUCER) => ({
  _producer: producer,
  _schemaURL: `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`,
  ...body,
});

type Json = Record<string, unknown>;

interface TaskOptions {
  eventType: string;
  eventTime: string;
  runId: string;
  job: string;
  namespace?: string;
  parent?: { runId: string; job: string };
  runFacets?: Json;
  jobFacets?: Json;
  inputs?: Json[];
  outputs?: Json[];
  producer?: string;
}

function runEvent(o: TaskOptions): Json {
  const namespace = o.namespace ?? 'airflow-prod';
  return {
    eventType: o.eventType,
    eventTime: o.eventTime,
    producer: o.producer ?? PRODUCER,
    schemaURL: EVENT_SCHEMA,
    run: {
      runId: o.runId,
      facets: {
        ...(o.parent ? { parent: facet('ParentRunFacet', '1-1-0', { run: { runId: o.parent.runId }, job: { namespace, name: o.parent.job } }) } : {}),
        ...o.runFacets,
      },
    },
    job: { namespace, name: o.job, facets: o.jobFacets ?? {} },
    inputs: o.inputs ?? [],
    outputs: o.outputs ?? [],
  };
}

const ordersTable = (extra: Json = {}) => ({
  namespace: 'postgres://orders-db:5432',
  name: 'shop.public.orders',
  facets: {
    schema: facet('SchemaDatasetFacet', '1-1-1', {
      fields: [
        { name: 'order_id', type: 'INTEGER' },
        { name: 'amount', type: 'NUMERIC' },
      ],
    }),
    dataSource: facet('DatasourceDatasetFacet', '1-0-1', { name: 'postgres://orders-db:5432', uri: 'postgres://orders-db:5432' }),
  },
  ...extra,
});
const featuresFile = (extra: Json = {}) => ({ namespace: 's3://ml-lake', name: 'features/orders.parquet', facets: {}, ...extra });
const churnModel = {
  namespace: 's3://ml-models',
  name: 'churn-classifier',
  facets: {
    datasetType: facet('DatasetTypeDatasetFacet', '1-0-1', { datasetType: 'MODEL' }),
    version: facet('DatasetVersionDatasetFacet', '1-0-1', { datasetVersion: 'v12' }),
  },
};

async function post(body: unknown, options: { path?: string; as?: Role | null; gzip?: boolean; raw?: string } = {}) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(await server.headers(options.as === undefined ? Role.INGEST : options.as)),
  };
  let payload: ArrayBuffer | string = options.raw ?? JSON.stringify(body);
  if (options.gzip) {
    const zipped = gzipSync(payload);
    payload = zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer;
    headers['content-encoding'] = 'gzip';
  }
  const response = await fetch(`${server.url}/api/v1/lineage${options.path ?? ''}`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as Json & { errors?: Array<{ message: string; extensions: { code: string; problems?: Array<{ path: string; message: string }> } }> },
  };
}

interface LineageNode {
  id: string;
  type: string;
  properties: Json;
}
interface LineageResult {
  nodes: LineageNode[];
  edges: Array<{ source: string; target: string; type: string }>;
}

async function lineage(nodeId: string, direction: 'UPSTREAM' | 'DOWNSTREAM', depth = 6): Promise<LineageResult> {
  const res = await server.gql<{ lineage: LineageResult }>(
    `query L($id: String!, $d: LineageDirection!, $depth: Int!) { lineage(nodeId: $id, direction: $d, depth: $depth) { nodes { id type properties } edges { source target type } } }`,
    { id: nodeId, d: direction, depth },
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.lineage;
}

/** Nodes and relationships of the lineage graph; the access audit grows with every write, replays included. */
async function countGraph(): Promise<number> {
  const session = server.graph.driver.session();
  try {
    const result = await session.run(
      `MATCH (n) WHERE NOT (n:AuditEntry OR n:AuditHead OR n:AuditAccess)
       OPTIONAL MATCH (n)-[r]->(m) WHERE NOT (m:AuditEntry OR m:AuditHead OR m:AuditAccess)
       RETURN count(DISTINCT n) + count(r) AS total`,
    );
    return Number(result.records[0]!.get('total'));
  } finally {
    await session.close();
  }
}

// One Airflow DAG run with two tasks, as the Airflow provider reports them.
const dagRunId = randomUUID();
const extractRunId = randomUUID();
const trainRunId = randomUUID();
const dag = { runId: dagRunId, job: 'churn_daily' };
const t = (minute: number) => `2026-03-04T10:${String(minute).padStart(2, '0')}:00.000000+00:00`;
const airflowRunFacets = {
  processing_engine: facet('ProcessingEngineRunFacet', '1-1-1', { version: '2.10.4', name: 'Airflow', openlineageAdapterVersion: '2.3.0' }),
  nominalTime: facet('NominalTimeRunFacet', '1-0-1', { nominalStartTime: '2026-03-04T10:00:00+00:00' }),
};
const trainJobFacets = {
  sourceCodeLocation: facet('SourceCodeLocationJobFacet', '1-0-1', {
    type: 'git',
    url: 'https://git.example.org/ml/churn/blob/4f2a9c1/dags/churn.py',
    repoUrl: 'https://git.example.org/ml/churn.git',
    path: 'dags/churn.py',
    version: '4f2a9c1',
  }),
  jobType: facet('JobTypeJobFacet', '2-0-3', { processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' }),
};
const dagEvents = {
  dagStart: runEvent({ eventType: 'START', eventTime: t(0), runId: dagRunId, job: 'churn_daily', runFacets: airflowRunFacets }),
  extractStart: runEvent({
    eventType: 'START',
    eventTime: t(1),
    runId: extractRunId,
    job: 'churn_daily.extract',
    parent: dag,
    runFacets: airflowRunFacets,
    inputs: [ordersTable()],
    outputs: [featuresFile()],
  }),
  extractComplete: runEvent({
    eventType: 'COMPLETE',
    eventTime: t(5),
    runId: extractRunId,
    job: 'churn_daily.extract',
    parent: dag,
    runFacets: airflowRunFacets,
    inputs: [ordersTable()],
    outputs: [featuresFile({ outputFacets: { outputStatistics: facet('OutputStatisticsOutputDatasetFacet', '1-0-2', { rowCount: 48213, size: 9_182_736 }) } })],
  }),
  trainStart: runEvent({
    eventType: 'START',
    eventTime: t(6),
    runId: trainRunId,
    job: 'churn_daily.train',
    parent: dag,
    jobFacets: trainJobFacets,
    runFacets: {
      ...airflowRunFacets,
      executionParameters: facet('ExecutionParametersRunFacet', '1-0-0', {
        parameters: [
          { key: 'learning_rate', value: '0.05' },
          { key: 'max_depth', value: '6' },
        ],
      }),
    },
    inputs: [featuresFile()],
  }),
  trainComplete: runEvent({
    eventType: 'COMPLETE',
    eventTime: t(20),
    runId: trainRunId,
    job: 'churn_daily.train',
    parent: dag,
    jobFacets: trainJobFacets,
    runFacets: airflowRunFacets,
    inputs: [featuresFile()],
    outputs: [churnModel],
  }),
  dagComplete: runEvent({ eventType: 'COMPLETE', eventTime: t(21), runId: dagRunId, job: 'churn_daily', runFacets: airflowRunFacets }),
};

describe('OpenLineage events from an Airflow DAG', () => {
  it('accepts each event with 201, and the COMPLETE of a task before its START', async () => {
    // The extract task's COMPLETE arrives before its START (emitters send from several threads).
    const order = ['dagStart', 'extractComplete', 'extractStart', 'trainStart', 'trainComplete', 'dagComplete'] as const;
    for (const name of order) {
      const res = await post(dagEvents[name]);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(201);
      expect(res.body).toMatchObject({ kind: 'RunEvent', status: 'created' });
      expect(res.body.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('a late START never overwrites the end or status a COMPLETE set', async () => {
    const graph = await lineage(extractRunId, 'UPSTREAM', 1);
    const run = graph.nodes.find((n) => n.id === extractRunId)!;
    expect(run.type).toBe('Run');
    expect(run.properties).toMatchObject({ status: 'COMPLETED', kind: 'ETL', engine: 'Airflow', engineVersion: '2.10.4' });
    expect(Date.parse(String(run.properties.startedAt))).toBe(Date.parse(t(1)));
    expect(Date.parse(String(run.properties.endedAt))).toBe(Date.parse(t(5)));
  });

  it('lineage: the model version goes back through the training run to the orders table', async () => {
    const modelVersionId = 'ol-model:s3://ml-models:churn-classifier@v12';
    const graph = await lineage(modelVersionId, 'UPSTREAM');
    const ids = new Set(graph.nodes.map((n) => n.id));
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    expect(byId.get(modelVersionId)).toMatchObject({ type: 'ModelVersion', properties: { version: 'v12', format: 'OPAQUE', status: 'CANDIDATE' } });
    expect(ids.has(trainRunId)).toBe(true);
    expect(ids.has(extractRunId)).toBe(true);
    expect(graph.edges).toContainEqual({ source: trainRunId, target: modelVersionId, type: 'PRODUCED' });

    const train = byId.get(trainRunId)!;
    expect(train.properties).toMatchObject({ kind: 'TRAINING', status: 'COMPLETED', codeVersion: '4f2a9c1' });
    expect(JSON.parse(String(train.properties.params))).toEqual({ learning_rate: '0.05', max_depth: '6' });

    // The features file the extract task wrote (with its row count) is the one training read.
    const written = graph.nodes.find(
      (n) => n.type === 'DatasetVersion' && graph.edges.some((e) => e.source === extractRunId && e.target === n.id && e.type === 'PRODUCED'),
    )!;
    expect(written.properties.rowCount).toBe(48213);
    const orders = graph.nodes.filter((n) => n.type === 'Dataset' && n.id === 'ol-dataset:postgres://orders-db:5432:shop.public.orders');
    expect(orders).toHaveLength(1);
    expect(JSON.parse(String(orders[0]!.properties.schema)).fields.map((f: { name: string }) => f.name)).toEqual(['order_id', 'amount']);
  });

  it('parent facet: the DAG is an ION whose instance is the DAG run, completed with it', async () => {
    const res = await server.gql<{
      ion: {
        name: string;
        nodes: Array<{ id: string; role: string; codeRepo: string | null }>;
        instances: { totalCount: number; edges: Array<{ node: { id: string; status: string; runCount: number; startedAt: string; endedAt: string } }> };
      };
    }>(
      `query I($id: String!) { ion(id: $id) { name nodes { id role codeRepo } instances { totalCount edges { node { id status runCount startedAt endedAt } } } } }`,
      { id: 'ol-ion:airflow-prod:churn_daily' },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const ion = res.body.data!.ion;
    expect(ion.name).toBe('churn_daily');
    expect(ion.nodes.map((n) => n.id).sort()).toEqual([
      'ol-job:airflow-prod:churn_daily',
      'ol-job:airflow-prod:churn_daily.extract',
      'ol-job:airflow-prod:churn_daily.train',
    ]);
    expect(ion.nodes.find((n) => n.id.endsWith('.train'))).toMatchObject({ role: 'TRAINING', codeRepo: 'https://git.example.org/ml/churn.git' });
    expect(ion.instances.totalCount).toBe(1);
    const instance = ion.instances.edges[0]!.node;
    expect(instance).toMatchObject({ id: `ol-instance:${dagRunId}`, status: 'COMPLETED', runCount: 3 });
    expect(Date.parse(instance.startedAt)).toBe(Date.parse(t(0)));
    expect(Date.parse(instance.endedAt)).toBe(Date.parse(t(21)));
  });

  it('search finds the datasets, the model and the jobs by name', async () => {
    const res = await server.gql<{ searchAll: Record<string, Array<{ id: string; kind: string }>> }>(
      `query S($text: String!) { searchAll(text: $text) { datasets { id kind } models { id kind } pipelineNodes { id kind } ions { id kind } } }`,
      { text: 'churn' },
    );
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const hits = res.body.data!.searchAll;
    expect(hits.models!.map((h) => h.id)).toContain('ol-model:s3://ml-models:churn-classifier');
    expect(hits.pipelineNodes!.map((h) => h.id)).toContain('ol-job:airflow-prod:churn_daily.train');
    expect(hits.ions!.map((h) => h.id)).toContain('ol-ion:airflow-prod:churn_daily');
    const orders = await server.gql<{ searchAll: { datasets: Array<{ id: string }> } }>(`{ searchAll(text: "shop.public.orders") { datasets { id } } }`);
    expect(orders.body.data!.searchAll.datasets.map((h) => h.id)).toContain('ol-dataset:postgres://orders-db:5432:shop.public.orders');
  });

  it('replaying every event, singly and as a batch, changes nothing', async () => {
    const before = await countGraph();
    for (const event of Object.values(dagEvents)) {
      const res = await post(event);
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('unchanged');
    }
    const batch = await post(Object.values(dagEvents), { path: '/batch', gzip: true });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ created: 0, unchanged: 6 });
    expect(await countGraph()).toBe(before);
  });
});

describe('OpenLineage events from a failing Spark job', () => {
  const sparkRunId = randomUUID();
  const sparkJob = (eventType: string, minute: number, runFacets: Json = {}) =>
    runEvent({
      eventType,
      eventTime: t(minute),
      runId: sparkRunId,
      namespace: 'spark-cluster',
      job: 'orders_enrichment.execute_insert_into',
      producer: SPARK,
      runFacets: {
        processing_engine: facet('ProcessingEngineRunFacet', '1-1-1', { version: '3.5.1', name: 'spark', openlineageAdapterVersion: '1.30.0' }, SPARK),
        ...runFacets,
      },
      jobFacets: {
        jobType: facet('JobTypeJobFacet', '2-0-3', { processingType: 'BATCH', integration: 'SPARK', jobType: 'SQL_JOB' }, SPARK),
        sourceCode: facet('SourceCodeJobFacet', '1-0-1', { language: 'python', sourceCode: 'spark.sql("INSERT INTO enriched SELECT * FROM orders")' }, SPARK),
      },
      inputs: [ordersTable()],
      outputs: [{ namespace: 'hdfs://namenode:8020', name: '/warehouse/enriched_orders', facets: {} }],
    });

  it('a batch (gzip) of START, RUNNING and FAIL with errorMessage gives an ERROR event on a FAILED run', async () => {
    const events = [
      sparkJob('START', 30),
      sparkJob('RUNNING', 31),
      sparkJob('FAIL', 33, {
        errorMessage: facet(
          'ErrorMessageRunFacet',
          '1-0-1',
          {
            message: 'org.apache.spark.sql.AnalysisException: Table or view not found: enriched',
            programmingLanguage: 'JAVA',
            stackTrace: 'at org.apache.spark.sql...',
          },
          SPARK,
        ),
      }),
    ];
    const res = await post(events, { path: '/batch', gzip: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 3, unchanged: 0 });
    expect((res.body.results as Array<{ index: number; status: string }>).map((r) => [r.index, r.status])).toEqual([
      [0, 'created'],
      [1, 'created'],
      [2, 'created'],
    ]);

    const graph = await lineage(sparkRunId, 'DOWNSTREAM', 1);
    const run = graph.nodes.find((n) => n.id === sparkRunId)!;
    expect(run.properties).toMatchObject({ status: 'FAILED', engine: 'spark', engineVersion: '3.5.1' });
    expect(String(run.properties.codeVersion)).toMatch(/^sha256:[0-9a-f]{16}$/);
    const error = graph.nodes.find((n) => n.type === 'Event')!;
    expect(error.properties).toMatchObject({ type: 'ERROR', message: 'org.apache.spark.sql.AnalysisException: Table or view not found: enriched' });
    expect(graph.edges).toContainEqual({ source: error.id, target: sparkRunId, type: 'DURING' });
  });

  it('DatasetEvent and JobEvent are accepted too', async () => {
    const datasetEvent = {
      eventTime: t(40),
      producer: SPARK,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent',
      dataset: {
        namespace: 's3://ml-lake',
        name: 'reference/countries.csv',
        facets: { version: facet('DatasetVersionDatasetFacet', '1-0-1', { datasetVersion: '2026-03' }) },
      },
    };
    const jobEvent = {
      eventTime: t(41),
      producer: SPARK,
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent',
      job: { namespace: 'spark-cluster', name: 'countries_loader', facets: {} },
      inputs: [],
      outputs: [{ namespace: 's3://ml-lake', name: 'reference/countries.csv' }],
    };
    expect((await post(datasetEvent)).body).toMatchObject({ kind: 'DatasetEvent', status: 'created' });
    expect((await post(jobEvent)).body).toMatchObject({ kind: 'JobEvent', status: 'created' });
    const graph = await lineage('ol-dataset:s3://ml-lake:reference/countries.csv', 'DOWNSTREAM', 1);
    expect(graph.nodes.find((n) => n.id === 'ol-dataset:s3://ml-lake:reference/countries.csv@2026-03')?.type).toBe('DatasetVersion');
  });
});

describe('OpenLineage metrics', () => {
  it('counts events by outcome in ion_ingest_items_total', async () => {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const count = (outcome: string) =>
      Number(new RegExp(`ion_ingest_items_total\\{part="openlineageEvents",outcome="${outcome}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    // 6 DAG events, 3 Spark events, a DatasetEvent and a JobEvent were new; 6 + 6 were replays.
    expect(count('created')).toBe(11);
    expect(count('unchanged')).toBe(12);
  });
});

describe('OpenLineage requests that are refused', () => {
  const valid = () => runEvent({ eventType: 'START', eventTime: t(50), runId: randomUUID(), job: 'refused' });

  it('400 names the JSON path of each problem, and writes nothing', async () => {
    const before = await countGraph();
    const bad = valid() as { run: { runId: string; facets: Json } };
    bad.run.runId = 'not-a-uuid';
    bad.run.facets.errorMessage = facet('ErrorMessageRunFacet', '1-0-1', { message: 'boom' });
    const res = await post(bad);
    expect(res.status).toBe(400);
    const problems = res.body.errors![0]!.extensions.problems!;
    expect(res.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(problems).toContainEqual({ path: '$.run.runId', message: 'must match format "uuid"' });

    const withFacet = valid() as { run: { facets: Json } };
    withFacet.run.facets.errorMessage = facet('ErrorMessageRunFacet', '1-0-1', { message: 'boom' });
    const facetRes = await post(withFacet);
    expect(facetRes.status).toBe(400);
    expect(facetRes.body.errors![0]!.extensions.problems).toEqual([{ path: '$.run.facets.errorMessage.programmingLanguage', message: 'is required' }]);

    // One bad event fails the whole batch, named by its index.
    const batch = await post([valid(), { ...valid(), eventType: 'FINISHED' }], { path: '/batch' });
    expect(batch.status).toBe(400);
    expect(batch.body.errors![0]!.extensions.problems![0]).toMatchObject({ path: '$[1].eventType' });
    expect((await post({ not: 'an event' })).status).toBe(400);
    expect((await post(null, { raw: '{"eventTime": ' })).status).toBe(400);
    const corrupt = await fetch(`${server.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', ...(await server.headers(Role.INGEST)) },
      body: 'this is not gzip',
    });
    expect(corrupt.status).toBe(400);
    expect(await countGraph()).toBe(before);
  });

  it('401 without a token, 403 for a role without INGEST', async () => {
    const anonymous = await post(valid(), { as: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const scientist = await post(valid(), { as: Role.SCIENTIST });
    expect(scientist.status).toBe(403);
    expect(scientist.body.errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await post([valid()], { path: '/batch', as: Role.AUDITOR })).status).toBe(403);
  });

  it('413 for a body over the limit once inflated (a gzip bomb of 20 MB)', async () => {
    const event = valid() as { job: { facets: Json } };
    event.job.facets.documentation = facet('DocumentationJobFacet', '1-1-0', { description: ' '.repeat(20 * 1024 * 1024) });
    const res = await post(event, { gzip: true });
    expect(res.status).toBe(413);
    expect(res.body.errors![0]!.extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('the stored raw events rebuild the graph', () => {
  /** Every node derived from OpenLineage with its properties (less creation times) and out-edges. */
  async function derivedGraph(): Promise<string[]> {
    const session = server.graph.driver.session();
    try {
      const result = await session.run(
        `MATCH (n {source: 'openlineage'})
         RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props,
           COLLECT { MATCH (n)-[r]->(m) WHERE m.source = 'openlineage' RETURN type(r) + '>' + m.id ORDER BY type(r), m.id } AS out
         ORDER BY label, id`,
      );
      return result.records.map((r) => {
        const { createdAt: _c, ...props } = r.get('props') as Record<string, unknown>;
        return JSON.stringify([
          r.get('label'),
          r.get('id'),
          Object.entries(props)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, String(v)]),
          r.get('out'),
        ]);
      });
    } finally {
      await session.close();
    }
  }

  it('after every derived node is deleted, rebuilding from the raw events gives the same graph', async () => {
    const before = await derivedGraph();
    expect(before.length).toBeGreaterThan(20);
    const session = server.graph.driver.session();
    try {
      await session.run(`MATCH (n {source: 'openlineage'}) DETACH DELETE n`);
    } finally {
      await session.close();
    }
    expect(await derivedGraph()).toEqual([]);
    const { events } = await new OpenLineageService(server.graph.services.executor, server.graph.services.audit).rebuild(4);
    expect(events).toBe(11);
    expect(await derivedGraph()).toEqual(before);
  });
});
