/**
 * OpenLineage events sent one per request by many emitters at once, as Airflow workers do: the
 * server writes the deliveries that arrive together in one transaction (group commit). The graph
 * must be the one the same events give one after another, each delivery must still be answered
 * for itself (created, or unchanged when already stored), and no writer may deadlock.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let auth: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  auth = { authorization: `Bearer ${await server.token(Role.ADMIN)}`, 'content-type': 'application/json' };
});

afterAll(async () => {
  await server?.close();
});

type Json = Record<string, unknown>;
const PRODUCER = 'https://github.com/apache/airflow/tree/providers-openlineage/2.3.0';
const facet = (name: string, body: Json) => ({ _producer: PRODUCER, _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json`, ...body });
/** A stable run id per name, so two sendings of the scenario name the same runs. */
const uuid = (name: string) => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const at = (minute: number) => new Date(Date.UTC(2026, 2, 4, 6, 0) + minute * 60_000).toISOString();
const table = (k: number) => ({
  namespace: 'postgres://db:5432',
  name: `shop.public.table_${k}`,
  facets: { schema: facet('SchemaDatasetFacet', { fields: [{ name: 'id', type: 'BIGINT' }] }) },
});

/** Two DAG runs of 12 tasks: shared jobs, shared input tables, a parent run per DAG run; each task a START and a COMPLETE. */
function scenario(): Json[] {
  const events: Json[] = [];
  for (let d = 0; d < 2; d++) {
    const dagRun = uuid(`dag-${d}`);
    for (let t = 0; t < 12; t++) {
      const runId = uuid(`task-${d}-${t}`);
      const base = {
        producer: PRODUCER,
        schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
        job: { namespace: 'airflow-prod', name: `shop_daily.task_${t % 4}` },
        inputs: [table(t % 3), table((t + 1) % 3)],
      };
      const run = {
        runId,
        facets: {
          parent: facet('ParentRunFacet', { run: { runId: dagRun }, job: { namespace: 'airflow-prod', name: 'shop_daily' } }),
          processing_engine: facet('ProcessingEngineRunFacet', { version: '2.10.4', name: 'Airflow' }),
        },
      };
      const output = { namespace: 's3://lake', name: `shop/${d}/part_${t}.parquet` };
      events.push({ ...base, eventType: 'START', eventTime: at(d * 60 + t), run, outputs: [] });
      events.push({
        ...base,
        eventType: 'COMPLETE',
        eventTime: at(d * 60 + t + 1),
        run,
        outputs: [{ ...output, outputFacets: { outputStatistics: facet('OutputStatisticsOutputDatasetFacet', { rowCount: 100 + t }) } }],
      });
    }
  }
  return events;
}

/** Reads the shared input tables once, so every task links to the version this names (not to whichever task came first). */
const bootstrap = {
  eventType: 'COMPLETE',
  eventTime: at(-1),
  producer: PRODUCER,
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: uuid('bootstrap') },
  job: { namespace: 'airflow-prod', name: 'shop_bootstrap' },
  inputs: [0, 1, 2].map(table),
  outputs: [],
};

async function post(event: Json): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${server.url}/api/v1/lineage`, { method: 'POST', headers: auth, body: JSON.stringify(event) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Sends `events` one per request from `emitters` senders at once; answers in event order. */
async function emit(events: Json[], emitters: number): Promise<Array<{ status: number; body: Json }>> {
  const answers: Array<{ status: number; body: Json }> = new Array(events.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: emitters }, async () => {
      while (next < events.length) {
        const i = next++;
        answers[i] = await post(events[i]!);
      }
    }),
  );
  return answers;
}

/** Every node derived from OpenLineage with its properties (less write times) and out-edges, and the stored events. */
async function derivedGraph(): Promise<string[]> {
  const session = server.graph.driver.session();
  try {
    const result = await session.run(
      `MATCH (n) WHERE n.source = 'openlineage' OR n:OpenLineageEvent
       RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props,
         COLLECT { MATCH (n)-[r]->(m) WHERE m.source = 'openlineage' RETURN type(r) + '>' + m.id ORDER BY type(r), m.id } AS out
       ORDER BY label, id`,
    );
    return result.records.map((r) => {
      const { createdAt: _c, receivedAt: _r, ...props } = r.get('props') as Record<string, unknown>;
      const shown = Object.entries(props)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, String(v)]);
      return JSON.stringify([r.get('label'), r.get('id'), shown, r.get('out')]);
    });
  } finally {
    await session.close();
  }
}

async function deadlocks(): Promise<number> {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/ion_neo4j_errors_total\{code="Neo\.TransientError\.Transaction\.DeadlockDetected"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

async function forgetOpenLineage(): Promise<void> {
  const session = server.graph.driver.session();
  try {
    await session.run(`MATCH (n) WHERE n.source = 'openlineage' OR n:OpenLineageEvent DETACH DELETE n`);
  } finally {
    await session.close();
  }
}

describe('OpenLineage events from 8 emitters at once', () => {
  let sequential: string[];

  it('give the same graph as the same events sent one after another, without a deadlock', async () => {
    const events = scenario();
    expect((await post(bootstrap)).status).toBe(201);
    for (const answer of await emit(events, 1)) expect(answer.status).toBe(201);
    sequential = await derivedGraph();
    expect(sequential.length).toBeGreaterThan(60);

    await forgetOpenLineage();
    const before = await deadlocks();
    expect((await post(bootstrap)).status).toBe(201);
    const answers = await emit(events, 8);
    expect(answers.map((a) => a.status)).toEqual(events.map(() => 201));
    expect(answers.map((a) => a.body.status)).toEqual(events.map(() => 'created'));
    expect(answers.map((a) => a.body.runId)).toEqual(events.map((e) => (e.run as Json).runId));
    expect(await derivedGraph()).toEqual(sequential);
    expect(await deadlocks()).toBe(before);
  });

  it('replayed at once, every event is answered unchanged and the graph stays as it was', async () => {
    const answers = await emit(scenario(), 8);
    expect(answers.map((a) => `${a.status} ${String(a.body.status)}`)).toEqual(answers.map(() => '201 unchanged'));
    expect(await derivedGraph()).toEqual(sequential);
  });

  it('a bad event among its neighbours is refused alone, naming the field, and they are written', async () => {
    const events = Array.from({ length: 8 }, (_, i) => ({
      ...bootstrap,
      run: { runId: uuid(`neighbour-${i}`) },
      job: { namespace: 'airflow-prod', name: 'shop_neighbours' },
    }));
    events[3] = { ...events[3]!, eventTime: '2026-02-30T00:00:00Z' };
    const answers = await Promise.all(events.map(post));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 400, 201, 201, 201, 201]);
    expect(JSON.stringify(answers[3]!.body)).toContain('$.eventTime');
    expect(answers.filter((a) => a.status === 201).map((a) => a.body.status)).toEqual(Array(7).fill('created'));
  });

  it('one new event sent by six emitters at once is stored once: one created, five unchanged', async () => {
    const event = { ...bootstrap, run: { runId: uuid('retried') }, job: { namespace: 'airflow-prod', name: 'shop_retried' } };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(event)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(answers.map((a) => a.body.status).sort()).toEqual(['created', 'unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });
});
