/**
 * The ingestion API over HTTP GraphQL against a real Neo4j: every mutation writes the graph
 * DESIGN.md describes, replays are harmless, conflicts and bad input fail whole batches with
 * the offending field's path, and no request ever ends in INTERNAL or stops the server.
 * Every test uses its own id prefix, so the tests do not depend on each other's data.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUNDLE_ORDER } from '@ion-lineage/contract';
import { CHAIN_LABEL_COUNTS, chainBundle, chainIds, chainRelationships, type ChainIds, predictionBatch } from '../support/fixtures';
import {
  batchMutation,
  CLIENT_ERROR_CODES,
  expectFailure,
  INGEST_BUNDLE,
  countNodes,
  expectSuccess,
  ingestBatch,
  ingestBundle,
  labelCounts,
  relationshipLines,
  reverseKeys,
  singleMutation,
} from '../support/ingest-api';
import { type GqlBody, startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  // Wiped first, so the file can run again on a database that keeps its data (NEO4J_URI).
  server = await startTestServer({ wipe: true });
});

afterAll(async () => {
  await server?.close();
});

/** The graph a chain left behind: node counts per label and every relationship among its nodes. */
async function expectChainGraph(prefix: string): Promise<void> {
  expect(await labelCounts(server.graph.driver, `${prefix}.`)).toEqual(CHAIN_LABEL_COUNTS);
  expect(await relationshipLines(server.graph.driver, `${prefix}.`)).toEqual(chainRelationships(prefix));
}

describe('ingest mutations write the ION chain', () => {
  it('ingestXs: all 15 batch mutations in dependency order, then replayed', async () => {
    const bundle = chainBundle('parts');
    for (const part of BUNDLE_ORDER) {
      const items = bundle[part]!;
      expect(await ingestBatch(server, part, items), part).toEqual({ created: items.length, unchanged: 0 });
    }
    await expectChainGraph('parts');

    // Replays write nothing and need no order: all fifteen at once.
    const replays = await Promise.all(BUNDLE_ORDER.map((part) => ingestBatch(server, part, bundle[part]!)));
    BUNDLE_ORDER.forEach((part, i) => expect(replays[i], `replay of ${part}`).toEqual({ created: 0, unchanged: bundle[part]!.length }));
    await expectChainGraph('parts');
  });

  it('ingestX: every single-item mutation, each item once', async () => {
    const bundle = chainBundle('single');
    for (const part of BUNDLE_ORDER) {
      // One at a time, a stage or ensemble must come after the stages or members it names.
      const items = part === 'stages' || part === 'modelVersions' ? [...bundle[part]!].reverse() : bundle[part]!;
      for (const item of items) {
        const res = await server.gql<{ result: { created: number; unchanged: number } }>(singleMutation(part), { item });
        expectSuccess(res);
        expect(res.body.data!.result, part).toEqual({ created: 1, unchanged: 0 });
      }
    }
    await expectChainGraph('single');
    const again = await server.gql<{ result: unknown }>(singleMutation('predictions'), { item: bundle.predictions![0] });
    expect(again.body.data!.result).toEqual({ created: 0, unchanged: 1 });
  });

  it('ingest(bundle): the whole chain in one call; a replay with every key order reversed changes nothing', async () => {
    const bundle = chainBundle('bundle');
    const counts = (create: boolean) =>
      Object.fromEntries(BUNDLE_ORDER.map((part) => [part, { created: create ? bundle[part]!.length : 0, unchanged: create ? 0 : bundle[part]!.length }]));

    expect(await ingestBundle(server, bundle)).toEqual(counts(true));
    await expectChainGraph('bundle');
    expect(await ingestBundle(server, reverseKeys(bundle))).toEqual(counts(false));
    await expectChainGraph('bundle');
  });

  it('stores properties as DESIGN.md says: DATETIME times, JSON blobs as strings, attributions strongest first', async () => {
    const ids = chainIds('props');
    await ingestBundle(server, chainBundle('props'));
    const { records } = await server.graph.driver.executeQuery(
      `MATCH (p:Prediction {id: $prediction}), (mv:ModelVersion {id: $gbm}), (ion:ION {id: $ion}), (d:Dataset {id: $ehr})
       RETURN p {.*, atType: valueType(p.at)} AS p, mv {.*} AS mv, ion {.*} AS ion, d {.*} AS d`,
      { prediction: ids.predictions.primary, gbm: ids.modelVersions.gbm, ion: ids.ion, ehr: ids.datasets.ehr },
    );
    const row = records[0]!.toObject() as Record<string, Record<string, unknown>>;
    expect(row.p).toMatchObject({ requestId: ids.requestId, subjectKey: 'patient-42', output: 'CT_SCAN', score: 0.91 });
    expect(row.p!.atType).toBe('ZONED DATETIME NOT NULL');
    expect(String(row.p!.at)).toBe('2026-03-02T09:15:00Z');
    expect(JSON.parse(row.p!.inputs as string)).toEqual({ age: 67, bmi: 31.2, income: 41_000 });
    expect(JSON.parse(row.p!.attributions as string).map((a: { feature: string }) => a.feature)).toEqual(['age', 'bmi']);
    expect(typeof row.p!.contentHash).toBe('string');
    expect(row.mv).toMatchObject({ status: 'APPROVED', format: 'ONNX', name: 'ct-gbm 1' });
    expect(JSON.parse(row.mv!.metrics as string)).toEqual({ auc: 0.84 });
    expect(JSON.parse(row.ion!.definition as string).nodes).toHaveLength(4);
    expect(JSON.parse(row.ion!.policy as string)).toEqual({ metric: 'auc', minimum: 0.8, requiresApproval: true });
    expect(row.d).toMatchObject({ classification: 'PHI', uri: 's3://lake/ehr' });

    // The control pipeline's prediction for the same request shares its requestId.
    const { records: same } = await server.graph.driver.executeQuery(
      'MATCH (p:Prediction {requestId: $requestId})-[:MADE_BY]->(r:Run) RETURN r.kind AS kind ORDER BY kind',
      { requestId: ids.requestId },
    );
    expect(same.map((r) => r.get('kind'))).toEqual(['CONTROL', 'INFERENCE']);
  });

  it('ingestPredictions: the same items with every key order reversed, or with explicit nulls, are replays', async () => {
    const chain = chainIds('order');
    await ingestBundle(server, chainBundle('order'));
    const batch = predictionBatch(chain, 'b', 3);
    expect(await ingestBatch(server, 'predictions', batch)).toEqual({ created: 3, unchanged: 0 });
    expect(await ingestBatch(server, 'predictions', reverseKeys(batch))).toEqual({ created: 0, unchanged: 3 });
    // An optional field sent as null is the same as leaving it out.
    const noScore = { ...batch[0]!, id: `${batch[0]!.id}.noscore`, score: undefined };
    expect(await ingestBatch(server, 'predictions', [noScore])).toEqual({ created: 1, unchanged: 0 });
    expect(await ingestBatch(server, 'predictions', [{ ...noScore, score: null }])).toEqual({ created: 0, unchanged: 1 });
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.b.`)).toBe(4);
  });

  it('ingestModelLoads: the same instant written with another offset is a replay, not a second load', async () => {
    const chain = chainIds('loads');
    await ingestBundle(server, chainBundle('loads'));
    const load = { runId: chain.runs.inference, modelVersionId: chain.modelVersions.ensemble, at: '2026-03-02T01:00:05+01:00' };
    expect(await ingestBatch(server, 'modelLoads', [load])).toEqual({ created: 0, unchanged: 1 });
    const later = { ...load, at: '2026-03-02T00:00:07Z' };
    expect(await ingestBatch(server, 'modelLoads', [later, later])).toEqual({ created: 1, unchanged: 1 });
    const lines = await relationshipLines(server.graph.driver, 'loads.');
    expect(lines.filter((line) => line.includes('-LOADED'))).toEqual([
      `${chain.runs.control} -LOADED{at=2026-03-02T00:00:06Z}-> ${chain.modelVersions.gbm}`,
      `${chain.runs.inference} -LOADED{at=2026-03-02T00:00:05Z}-> ${chain.modelVersions.ensemble}`,
      `${chain.runs.inference} -LOADED{at=2026-03-02T00:00:07Z}-> ${chain.modelVersions.ensemble}`,
    ]);
  });
});

let aliveChecks = 0;
/** The server still answers after a failed request: liveness, and a real write. */
async function expectAlive(): Promise<void> {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  aliveChecks += 1;
  const principal = { id: `alive.principal.${aliveChecks}`, name: 'still here', kind: 'SERVICE' };
  expect(await ingestBatch(server, 'principals', [principal])).toEqual({ created: 1, unchanged: 0 });
}

/** A fresh prediction on a chain, distinct per tag. */
function prediction(chain: ChainIds, tag: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...predictionBatch(chain, tag, 1)[0], ...overrides };
}

describe('conflicting replays', () => {
  const chain = chainIds('conflict');
  beforeAll(async () => {
    await ingestBundle(server, chainBundle('conflict'));
  });

  it('same id with other content is a CONFLICT naming the item, and nothing of that batch is written', async () => {
    const fresh = prediction(chain, 'fresh');
    const changed = { ...chainBundle('conflict').predictions![0], score: 0.5 };
    const res = await server.gql(batchMutation('predictions'), { items: [fresh, changed] });
    const { message, paths } = expectFailure(res, 'CONFLICT');
    expect(paths).toEqual(['predictions[1].id']);
    expect(message).toContain(chain.predictions.primary);
    expect(await countNodes(server.graph.driver, 'Prediction', String(fresh.id))).toBe(0);
    const { records } = await server.graph.driver.executeQuery('MATCH (p:Prediction {id: $id}) RETURN p.score AS score', { id: chain.predictions.primary });
    expect(records.map((r) => r.get('score'))).toEqual([0.91]);
    await expectAlive();
  });

  it('two items of one batch with the same id and other content conflict', async () => {
    const item = prediction(chain, 'twin');
    const res = await server.gql(batchMutation('predictions'), { items: [item, { ...item, output: 'OTHER' }] });
    expect(expectFailure(res, 'CONFLICT').paths).toEqual(['predictions[1].id']);
    expect(await countNodes(server.graph.driver, 'Prediction', String(item.id))).toBe(0);
  });

  it('a bundle with one conflicting part writes none of its parts', async () => {
    const bundle = {
      principals: [{ id: 'conflict.principal.new', name: 'New', kind: 'HUMAN' }],
      models: [{ id: chain.models.gbm, name: 'renamed' }],
    };
    expect(expectFailure(await server.gql(INGEST_BUNDLE, { bundle }), 'CONFLICT').paths).toEqual(['models[0].id']);
    expect(await countNodes(server.graph.driver, 'Principal', 'conflict.principal.new')).toBe(0);
  });
});

describe('all or nothing', () => {
  const chain = chainIds('atomic');
  beforeAll(async () => {
    await ingestBundle(server, chainBundle('atomic'));
  });

  it('a 1,000-prediction batch with one unknown model version stores none of them', async () => {
    const items = predictionBatch(chain, 'k', 1_000);
    items[537] = { ...items[537]!, modelVersionIds: ['atomic.mv.missing'] };
    const { message, paths } = expectFailure(await server.gql(batchMutation('predictions'), { items }), 'BAD_USER_INPUT');
    expect(paths).toEqual(['predictions[537].modelVersionIds[0]']);
    expect(message).toContain('predictions[537].modelVersionIds[0]');
    expect(message).toContain('atomic.mv.missing');
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.k.`)).toBe(0);
    await expectAlive();
  });

  it('a bundle whose last part fails writes none of its earlier parts', async () => {
    const bundle = chainBundle('atomic2');
    bundle.events![1] = { ...bundle.events![1]!, runId: 'atomic2.run.missing' };
    expect(expectFailure(await server.gql(INGEST_BUNDLE, { bundle }), 'BAD_USER_INPUT').paths).toEqual(['events[1].runId']);
    expect(await labelCounts(server.graph.driver, 'atomic2.')).toEqual({});
  });
});

describe('bad input is a clear client error, never INTERNAL, and the server keeps serving', () => {
  const chain = chainIds('bad');
  beforeAll(async () => {
    await ingestBundle(server, chainBundle('bad'));
  });

  it('rejects wrong types, missing required fields and unknown enum values', async () => {
    const wrongType = await server.gql(batchMutation('predictions'), { items: [prediction(chain, 'w', { score: 'abc' })] });
    expect(expectFailure(wrongType, 'BAD_USER_INPUT').message).toMatch(/score/);
    const { output: _dropped, ...noOutput } = prediction(chain, 'm');
    const missing = await server.gql(batchMutation('predictions'), { items: [noOutput] });
    expect(expectFailure(missing, 'BAD_USER_INPUT').message).toMatch(/output/);
    const badEnum = await server.gql(singleMutation('datasets'), { item: { id: 'bad.dataset.x', name: 'x', classification: 'SECRET' } });
    expect(expectFailure(badEnum, 'BAD_USER_INPUT').message).toMatch(/SECRET|Classification/);
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.`)).toBe(0);
    expect(await countNodes(server.graph.driver, 'Dataset', 'bad.dataset.x')).toBe(0);
    await expectAlive();
  });

  it('rejects malformed GraphQL with Apollo request codes', async () => {
    expectFailure(await server.gql('mutation { ingestPredictions(items: [ { id: '), 'GRAPHQL_PARSE_FAILED');
    expectFailure(await server.gql('mutation { ingestPredictions(items: []) { created nope } }'), 'GRAPHQL_VALIDATION_FAILED');
    await expectAlive();
  });

  const node = (id: string, role = 'INFERENCE') => ({ id, name: id, role });
  const ion = (id: string, definition: unknown) => ({ id, name: 'broken', version: '1', definition });
  it.each([
    ['missing nodes', { edges: [] }, 'ions[0].definition', /nodes/],
    [
      'an edge to an unknown node',
      { nodes: [node('bad.n1')], edges: [{ from: 'bad.n1', to: 'bad.nowhere', message: 'MODEL' }] },
      'ions[0].definition.edges[0].to',
      /bad\.nowhere/,
    ],
    ['a duplicate node id', { nodes: [node('bad.n2'), node('bad.n2', 'CONTROL')], edges: [] }, 'ions[0].definition.nodes[1].id', /duplicate/],
    ['a bad role', { nodes: [node('bad.n3', 'WIZARD')], edges: [] }, 'ions[0].definition.nodes[0].role', /TRAINING/],
    ['an unknown property', { nodes: [node('bad.n4')], edges: [], colour: 'red' }, 'ions[0].definition', /colour/],
  ])('rejects an ION definition with %s', async (_case, definition, path, message) => {
    const res = await server.gql(batchMutation('ions'), { items: [ion('bad.ion.broken', definition)] });
    const error = expectFailure(res, 'BAD_USER_INPUT');
    expect(error.paths).toContain(path);
    expect(error.message).toMatch(message);
    expect(await countNodes(server.graph.driver, 'ION', 'bad.ion.broken')).toBe(0);
  });

  it("rejects a new ION that reuses another ION's pipeline node id", async () => {
    const res = await server.gql(batchMutation('ions'), {
      items: [ion('bad.ion.thief', { nodes: [node('bad.ion.thief.own'), node(chain.nodes.inference)], edges: [] })],
    });
    const { message, paths } = expectFailure(res, 'CONFLICT');
    expect(paths).toEqual(['ions[0].definition.nodes[1].id']);
    expect(message).toContain('ions[0].definition.nodes[1].id');
    expect(await countNodes(server.graph.driver, 'ION', 'bad.ion.thief')).toBe(0);
    expect(await countNodes(server.graph.driver, 'PipelineNode', 'bad.ion.thief.own')).toBe(0);
  });

  it('rejects two new IONs of one batch that share a pipeline node id, naming the second', async () => {
    const items = [ion('bad.ion.a', { nodes: [node('bad.shared')], edges: [] }), ion('bad.ion.b', { nodes: [node('bad.shared')], edges: [] })];
    expect(expectFailure(await server.gql(batchMutation('ions'), { items }), 'CONFLICT').paths).toEqual(['ions[1].definition.nodes[0].id']);
    expect(await countNodes(server.graph.driver, 'ION', 'bad.ion.a')).toBe(0);
    expect(await countNodes(server.graph.driver, 'ION', 'bad.ion.b')).toBe(0);
    await expectAlive();
  });

  it('rejects a batch of 10,001 items, naming the limit', async () => {
    const items = predictionBatch(chain, 'huge', 10_001);
    const { message } = expectFailure(await server.gql(batchMutation('predictions'), { items }), 'BAD_USER_INPUT');
    expect(message).toContain('10000');
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.huge.`)).toBe(0);
    await expectAlive();
  });

  it('rejects a 2 MB name or subject key, naming the field without echoing the value', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const principal = await server.gql(batchMutation('principals'), { items: [{ id: 'bad.principal.big', name: big, kind: 'HUMAN' }] });
    const p = expectFailure(principal, 'BAD_USER_INPUT');
    expect(p.paths).toEqual(['principals[0].name']);
    expect(p.message).toMatch(/at most 512/);
    expect(JSON.stringify(principal.body).length).toBeLessThan(10_000);

    const scored = await server.gql(batchMutation('predictions'), { items: [prediction(chain, 'big', { subjectKey: big })] });
    expect(expectFailure(scored, 'BAD_USER_INPUT').paths).toEqual(['predictions[0].subjectKey']);
    expect(JSON.stringify(scored.body).length).toBeLessThan(10_000);

    // In a field GraphQL itself checks (a DateTime, an enum), its message quotes the value.
    const dated = await server.gql(batchMutation('predictions'), { items: [prediction(chain, 'big', { at: big })] });
    expect(expectFailure(dated, 'BAD_USER_INPUT').message).toContain('items[0].at');
    const kind = await server.gql(batchMutation('principals'), { items: [{ id: 'bad.principal.kind', name: 'n', kind: big }] });
    expect(expectFailure(kind, 'BAD_USER_INPUT').message).toContain('items[0].kind');
    expect(JSON.stringify(dated.body).length + JSON.stringify(kind.body).length).toBeLessThan(10_000);
    await expectAlive();
  });

  it('answers 413 to a body over 64 MB and 400 to malformed JSON', async () => {
    const huge = `{"query":"{ __typename }","variables":{"pad":"${'a'.repeat(65 * 1024 * 1024)}"}}`;
    const tooLarge = await server.post(huge);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');

    const malformed = await server.post('{"query": "{ __typename }", ');
    expect(malformed.status).toBe(400);
    expect(CLIENT_ERROR_CODES).toContain(JSON.parse(malformed.text).errors[0].extensions.code);
    await expectAlive();
  });

  it.each([
    ['not a date', 'yesterday'],
    ['no offset', '2026-03-01T10:00:00'],
    ['month 13', '2026-13-01T10:00:00Z'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['an offset beyond ±18:00', '2026-03-01T10:00:00+19:00'],
  ])('rejects an invalid DateTime (%s)', async (_case, at) => {
    const item = prediction(chain, `date-${at.replace(/[^0-9]/g, '')}`, { at });
    const res = await server.gql(batchMutation('predictions'), { items: [item] });
    expect(expectFailure(res, 'BAD_USER_INPUT').message).toMatch(/date-time|DateTime/);
    expect(await countNodes(server.graph.driver, 'Prediction', String(item.id))).toBe(0);
    await expectAlive();
  });

  it('rejects JSON nested thousands of levels deep (as a variable or inline) without overflowing the stack', async () => {
    // Spliced in as text: JSON.stringify itself would overflow the test's stack.
    const deepJson = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const item = prediction(chain, 'deep', { inputs: 'DEEP' });
    const body = JSON.stringify({ query: batchMutation('predictions'), variables: { items: [item] } }).replace('"DEEP"', deepJson);
    const res = await server.post(body);
    const parsed = JSON.parse(res.text) as GqlBody;
    expectFailure({ status: res.status, body: parsed }, 'BAD_USER_INPUT');
    expect(parsed.errors![0]!.extensions?.problems?.map((p) => p.path)).toEqual(['predictions[0].inputs']);

    const literal = `${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const inline = await server.gql(
      `mutation { ingestPrediction(item: { id: "bad.deep.inline", runId: "${chain.runs.inference}", requestId: "r", subjectKey: "s", at: "2026-03-01T10:00:00Z", output: "o", modelVersionIds: [], inputs: ${literal} }) { created } }`,
    );
    expect(inline.body.errors?.length).toBeGreaterThan(0);
    for (const error of inline.body.errors ?? []) expect(CLIENT_ERROR_CODES).toContain(error.extensions?.code);
    expect(await countNodes(server.graph.driver, 'Prediction', String(item.id))).toBe(0);
    await expectAlive();
  });

  it('rejects a reference list that repeats an id (it would write the relationship twice)', async () => {
    const item = prediction(chain, 'repeat', { modelVersionIds: [chain.modelVersions.gbm, chain.modelVersions.gbm] });
    const { paths } = expectFailure(await server.gql(batchMutation('predictions'), { items: [item] }), 'BAD_USER_INPUT');
    expect(paths).toEqual(['predictions[0].modelVersionIds[1]']);
    const feature = {
      id: 'bad.feature.repeat',
      name: 'f',
      dtype: 'int',
      classification: 'PUBLIC',
      derivedFromDatasetIds: [chain.datasets.ehr, chain.datasets.ehr],
    };
    expect(expectFailure(await server.gql(singleMutation('features'), { item: feature }), 'BAD_USER_INPUT').paths).toEqual([
      'features[0].derivedFromDatasetIds[1]',
    ]);
    expect(await countNodes(server.graph.driver, 'Prediction', String(item.id))).toBe(0);
  });

  it('rejects an ensemble that contains itself', async () => {
    const item = {
      id: 'bad.mv.self',
      modelId: chain.models.ensemble,
      version: 'self',
      algorithm: 'avg',
      format: 'OPAQUE',
      status: 'CANDIDATE',
      members: [{ modelVersionId: 'bad.mv.self', weight: 1 }],
    };
    const { message, paths } = expectFailure(await server.gql(singleMutation('modelVersions'), { item }), 'BAD_USER_INPUT');
    expect(paths).toEqual(['modelVersions[0].members[0].modelVersionId']);
    expect(message).toMatch(/itself/);
    expect(await countNodes(server.graph.driver, 'ModelVersion', 'bad.mv.self')).toBe(0);
    await expectAlive();
  });
});

describe('concurrent writers of the same items', () => {
  const chain = chainIds('race');
  beforeAll(async () => {
    await ingestBundle(server, chainBundle('race'));
  });

  it('the same 2,000-prediction batch sent twice in parallel: both succeed, 2,000 stored', async () => {
    const items = predictionBatch(chain, 'par', 2_000);
    const spy = vi.spyOn(server.graph.services.executor, 'transaction');
    let transactions = 0;
    const [a, b] = await Promise.all([ingestBatch(server, 'predictions', items), ingestBatch(server, 'predictions', items)]).finally(() => {
      transactions = spy.mock.calls.length;
      spy.mockRestore();
    });
    // Whether the two met at the uniqueness constraint depends on timing; the next test forces it.
    console.log(`[ingest-race] results ${JSON.stringify([a, b])}, ${transactions} transactions for 2 requests`);
    expect(a.created + b.created).toBe(2_000);
    expect(a.unchanged + b.unchanged).toBe(2_000);
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.par.`)).toBe(2_000);
    const { records } = await server.graph.driver.executeQuery(
      'MATCH (p:Prediction)-[r:MADE_BY|USED]->() WHERE p.id STARTS WITH $prefix RETURN count(r) AS n',
      { prefix: `${chain.predictions.primary}.par.` },
    );
    expect(Number(records[0]!.get('n'))).toBe(4_000);
  });

  it('a writer that commits the same items between our check and our write: the service retries once and reports replays', async () => {
    // Forces the race deterministically: just before our transaction creates the predictions,
    // another transaction creates and commits the very same ones.
    const executor = server.graph.services.executor;
    const transaction = executor.transaction.bind(executor);
    let attempts = 0;
    let raced = false;
    const spy = vi.spyOn(executor, 'transaction').mockImplementation(((mode, work, label) => {
      // Only the ingest's own attempts: the access audit appends in a transaction of its own.
      if (label === 'ingest') attempts += 1;
      return transaction(
        mode,
        (tx) =>
          work({
            run: async (name, params) => {
              if (name === 'ingest/predictions' && !raced) {
                raced = true;
                await transaction('WRITE', (other) => other.run(name, params), 'racer');
              }
              return tx.run(name, params);
            },
          }),
        label,
      );
    }) as typeof executor.transaction);
    try {
      const items = predictionBatch(chain, 'forced', 2_000);
      expect(await ingestBatch(server, 'predictions', items)).toEqual({ created: 0, unchanged: 2_000 });
    } finally {
      spy.mockRestore();
    }
    expect(raced).toBe(true);
    expect(attempts).toBe(2);
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.forced.`)).toBe(2_000);
  });
});

describe('ingest rate', () => {
  const chain = chainIds('rate');
  beforeAll(async () => {
    await ingestBundle(server, chainBundle('rate'));
  });

  // One batch at the limit: the rate with medians over rounds is `npm run bench -- --only maintained` (API ingest vs raw UNWIND).
  it('writes a 10,000-prediction batch over GraphQL (rate logged, not asserted)', async () => {
    const items = predictionBatch(chain, 'r0', 10_000);
    const started = performance.now();
    expect(await ingestBatch(server, 'predictions', items)).toEqual({ created: 10_000, unchanged: 0 });
    const rate = 10_000 / ((performance.now() - started) / 1000);
    console.log(`[ingest-rate] a 10,000-prediction batch over GraphQL: ${Math.round(rate)} predictions/s`);
    expect(await countNodes(server.graph.driver, 'Prediction', `${chain.predictions.primary}.r`)).toBe(10_000);
  });
});
