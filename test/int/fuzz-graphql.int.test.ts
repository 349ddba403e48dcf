/**
 * Property-based fuzzing of the GraphQL ingestion mutations (fast-check), against the real app
 * and Neo4j: thousands of malformed items (wrong types, missing and unknown fields, huge strings,
 * odd Unicode, deep nesting, Cypher-injection strings, dangling references, duplicate and stored
 * ids with other content, bad dates) in batches, bundles and single-item mutations.
 * Properties: never a 5xx or INTERNAL, every rejection carries a public code and a message that
 * names each malformed item and its field, and the graph is exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { BUNDLE_ORDER } from '@ion-lineage/contract';
import { graphCounts, type GraphCounts, graphDigest } from '../fuzz/graph-state';
import { type Malformed, malformedBatch, malformedItem, type Part, PARTS, type Stage, withUniqueIds } from '../fuzz/ingest.arbitraries';
import { assertConcurrently } from '../fuzz/concurrent';
import { expectCleanRejection, expectItemsNamed } from '../fuzz/rejection';
import { impossibleDateTime, INJECTIONS, invalidDateTime, toJson } from '../fuzz/strings';
import { chainBundle, chainIds, predictionBatch } from '../support/fixtures';
import { batchMutation, expectSuccess, INGEST_BUNDLE, ingestBundle, singleMutation } from '../support/ingest-api';
import { type GqlBody, startTestServer, type TestServer } from '../support/server';

const chain = chainIds('fuzz');
const PART_NAMES = Object.keys(PARTS) as Part[];
/** FUZZ_SCALE=0.1 runs a tenth of the cases (while developing); the suite runs them all. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
let server: TestServer;
let counts: GraphCounts;
let digest: string;
/** Malformed items sent by this file, reported at the end. */
let sent = 0;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  await ingestBundle(server, chainBundle('fuzz'));
  counts = await graphCounts(server.graph.driver);
  digest = await graphDigest(server.graph.driver);
});

afterAll(async () => {
  console.log(`[fuzz] ${sent} malformed GraphQL ingest items sent`);
  await server?.close();
});

async function expectGraphUnchanged(context: string): Promise<void> {
  expect(await graphCounts(server.graph.driver), context).toEqual(counts);
}

/** Sends one operation as the INGEST role, with nesting too deep for JSON.stringify spliced in. */
async function send(query: string, variables: Record<string, unknown>): Promise<{ status: number; body: GqlBody }> {
  const { status, text } = await server.post(toJson({ query, variables }), 'application/json', { as: Role.INGEST });
  try {
    return { status, body: JSON.parse(text) as GqlBody };
  } catch {
    throw new Error(`/graphql answered ${status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
}

const describeBatch = (batch: readonly Malformed[]) => batch.map((m) => `${m.part}.${m.field}: ${m.defect.slice(0, 80)}`).join('; ');

describe('GraphQL ingestion fuzzing', () => {
  it('batch mutations: every malformed item is named, nothing is written', async () => {
    const arbitrary = fc.constantFrom(...PART_NAMES).chain((part) => malformedBatch(part, chain).map((batch) => ({ part, batch })));
    await assertConcurrently(
      fc.asyncProperty(arbitrary, async ({ part, batch }) => {
        sent += batch.length;
        const context = `${part} batch [${describeBatch(batch)}]`;
        const res = await send(batchMutation(part), { items: batch.map((m) => m.item) });
        const errors = expectCleanRejection(res.status, res.body, context);
        expectItemsNamed(
          errors,
          batch,
          (i) => `items[${i}]`,
          (i) => `${part}[${i}]`,
          context,
        );
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(1_000) },
    );
  });

  it('bundles: the first failing part names each of its malformed items, nothing is written', async () => {
    const stage = fc.constantFrom<Exclude<Stage, 4>>(1, 2, 3);
    const arbitrary = stage.chain((s) =>
      fc
        .array(
          fc.constantFrom(...PART_NAMES).chain((part) => malformedItem(part, chain, s)),
          { minLength: 1, maxLength: 9 },
        )
        .map(withUniqueIds),
    );
    await assertConcurrently(
      fc.asyncProperty(arbitrary, async (items) => {
        sent += items.length;
        const bundle: Partial<Record<Part, unknown[]>> = {};
        const indexed = items.map((m) => {
          const list = (bundle[m.part] ??= []);
          list.push(m.item);
          return { m, index: list.length - 1 };
        });
        const context = `bundle [${describeBatch(items)}]`;
        const res = await send(INGEST_BUNDLE, { bundle });
        const errors = expectCleanRejection(res.status, res.body, context);
        // GraphQL checks the whole bundle at once; the service stops at the first failing part.
        const first = BUNDLE_ORDER.find((part) => part in bundle) as Part;
        const named = items[0]!.stage === 1 ? indexed : indexed.filter(({ m }) => m.part === first);
        expectItemsNamed(
          errors,
          named.map(({ m }) => m),
          (i) => `bundle.${named[i]!.m.part}[${named[i]!.index}]`,
          (i) => `${named[i]!.m.part}[${named[i]!.index}]`,
          context,
        );
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(300) },
    );
  });

  it('single-item mutations: the field is named, nothing is written', async () => {
    const stored = fc.constantFrom(...PART_NAMES).chain((part) =>
      malformedItem(part, chain, 3).map((m): Malformed => {
        // A stored id with other content; the dangling reference is replaced by a valid one.
        const item: Record<string, unknown> = { ...PARTS[part].base(chain, 'stored'), id: PARTS[part].storedId(chain) };
        const text = PARTS[part].noise[0]!;
        item[text] = `${String(m.item[text] ?? '')} changed`;
        return { part, item, field: 'id', stage: 4, defect: 'stored id, new content' };
      }),
    );
    const arbitrary = fc.oneof(
      fc.constantFrom(...PART_NAMES).chain((part) => fc.constantFrom<Exclude<Stage, 4>>(1, 2, 3).chain((stage) => malformedItem(part, chain, stage))),
      stored,
    );
    await assertConcurrently(
      fc.asyncProperty(arbitrary, async (m) => {
        sent += 1;
        const context = `single ${m.part}.${m.field}: ${m.defect.slice(0, 120)}`;
        const res = await send(singleMutation(m.part), { item: m.item });
        const errors = expectCleanRejection(res.status, res.body, context);
        expectItemsNamed(
          errors,
          [m],
          () => '$item',
          () => `${m.part}[0]`,
          context,
        );
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(700) },
    );
  });

  it('dates, times and offsets on query arguments: BAD_USER_INPUT naming the argument or variable, never INTERNAL', async () => {
    // Every DateTime argument of a query, each with a query that puts a value into it.
    const argument = fc.constantFrom(
      { name: 'at', query: (v: string) => `why(subjectKey: "s", at: ${v}) { prediction { id } }` },
      { name: 'asOf', query: (v: string) => `lineage(nodeId: "${chain.predictions.primary}", asOf: ${v}) { root { id } }` },
      {
        name: 'asOf',
        query: (v: string) => `lineageNeighbours(nodeId: "${chain.runs.inference}", relType: "MADE_BY", type: "Prediction", asOf: ${v}) { endCursor }`,
      },
      { name: 'from', query: (v: string) => `ionTimeline(ionId: "${chain.ion}", from: ${v}) { from }` },
      { name: 'to', query: (v: string) => `ionTimeline(ionId: "${chain.ion}", to: ${v}) { to }` },
    );
    const cases = fc.oneof(
      // Literals: only text GraphQL can hold in a string literal, so the date is what fails.
      fc.tuple(argument, impossibleDateTime).map(([arg, value]) => ({ arg, literal: true, value: value as unknown })),
      fc.tuple(argument, invalidDateTime).map(([arg, value]) => ({ arg, literal: false, value })),
    );
    await assertConcurrently(
      fc.asyncProperty(cases, async ({ arg, literal, value }) => {
        sent += 1;
        const context = `${arg.name} ${literal ? 'literal' : 'variable'} ${JSON.stringify(value)?.slice(0, 120)}`;
        const res = literal
          ? await server.gql(`{ ${arg.query(JSON.stringify(value))} }`)
          : await server.gql(`query ($${arg.name}: DateTime) { ${arg.query(`$${arg.name}`)} }`, { [arg.name]: value });
        const errors = expectCleanRejection(res.status, res.body, context);
        expect(errors[0]!.extensions?.code, `${context}: ${JSON.stringify(errors).slice(0, 500)}`).toBe('BAD_USER_INPUT');
        expect(errors[0]!.message, context).toContain(literal ? `${arg.name}: ` : `"$${arg.name}"`);
      }),
      // Two in flight: these are reads, and a caller may have two expensive reads running (a third
      // would be refused with 429 instead of having its date checked).
      { numRuns: runs(400), concurrency: 2 },
    );
  });

  it('malformed bodies and documents: never a 5xx, always a public code, nothing is written', async () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ body: text, headers: {}, what: 'random text' })),
      fc
        .constantFrom('{', 'null', '[]', '{}', '""', '[[[[', '{"query":null}', '{"query":1}', '{"query":"{","variables":[]}', '\uFEFF{}')
        .map((text) => ({ body: text, headers: {}, what: text })),
      fc.string({ maxLength: 120 }).map((query) => ({ body: JSON.stringify({ query }), headers: {}, what: `document ${JSON.stringify(query)}` })),
      fc.constantFrom(...INJECTIONS).map((query) => ({
        body: JSON.stringify({ query: `mutation { ingestModel(item: {id: "${query.replace(/"/g, '\\"')}", name: "m"}) { created } }` }),
        headers: {},
        what: `inline ${query}`,
      })),
      fc.tuple(fc.integer({ min: 100, max: 100_000 }), fc.constantFrom('list', 'object', 'selection')).map(([depth, shape]) => {
        const nestedDocument = {
          list: `mutation { ingestModels(items: ${'['.repeat(depth)}${']'.repeat(depth)}) { created } }`,
          object: `mutation { ingestModel(item: { id: "m", name: "m", description: ${'{a:'.repeat(depth)}1${'}'.repeat(depth)} }) { created } }`,
          selection: `{ ${'__typename a { '.repeat(depth)}${'}'.repeat(depth)} }`,
        }[shape];
        return { body: JSON.stringify({ query: nestedDocument }), headers: {}, what: `document with ${shape} nested ${depth}` };
      }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: bytes, headers: { 'content-encoding': 'gzip' }, what: 'corrupt gzip' })),
      fc
        .constantFrom('compress', 'zstd', 'identity;q=0')
        .map((encoding) => ({ body: '{}', headers: { 'content-encoding': encoding }, what: `encoding ${encoding}` })),
      fc
        .constantFrom('text/plain', 'application/xml', 'application/json; charset=ebcdic')
        .map((type) => ({ body: '{"query":"{ __typename }"}', headers: { 'content-type': type }, what: `type ${type}` })),
    );
    await assertConcurrently(
      fc.asyncProperty(garbage, async ({ body, headers, what }) => {
        sent += 1;
        const context = `body: ${what.slice(0, 120)}`;
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await server.headers(Role.INGEST)), ...headers },
          body: body as BodyInit,
        });
        const text = await res.text();
        let parsed: GqlBody;
        try {
          parsed = JSON.parse(text) as GqlBody;
        } catch {
          throw new Error(`${context}: ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
        }
        expectCleanRejection(res.status, parsed, context);
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(300) },
    );
  });

  it('the graph is byte-for-byte unchanged, and the server still takes valid input', async () => {
    expect(await graphDigest(server.graph.driver)).toBe(digest);
    expect(sent).toBeGreaterThanOrEqual(runs(6_000));
    const ok = await server.gql(batchMutation('predictions'), { items: predictionBatch(chain, 'after-fuzz', 3) }, { as: Role.INGEST });
    expectSuccess(ok);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('bodies over the limit get 413 with LIMIT_EXCEEDED, announced or streamed', async () => {
    const huge = `{"query":"mutation { __typename }","variables":{"x":"${'x'.repeat(65 * 1024 * 1024)}"}}`;
    const announced = await server.post(huge, 'application/json', { as: Role.INGEST });
    expect(announced.status).toBe(413);
    expect(JSON.parse(announced.text).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');

    // No Content-Length: the limit must hold while reading, not only from the header.
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sentChunks = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sentChunks === 0) controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }","variables":{"x":"'));
        if (sentChunks++ < 80) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await server.headers(Role.INGEST)) },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('LIMIT_EXCEEDED');
  });
});
