/**
 * Cypher-injection (and other hostile) strings in every free-text field and every filter:
 * stored and returned verbatim, nothing executed. Ids cannot carry them (their grammar refuses
 * quotes, spaces and brackets: the fuzz tests cover that), so the texts around the ids do.
 */
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import type { IngestBundle } from '@ion-lineage/contract';
import { INJECTIONS } from '../fuzz/strings';
import { chainBundle, chainIds } from '../support/fixtures';
import { CLIENT_ERROR_CODES, ingestBundle } from '../support/ingest-api';
import { dataOf } from '../support/provenance';
import { startTestServer, type TestServer } from '../support/server';

const prefix = 'injection';
const ids = chainIds(prefix);
/** The free-text fields of the ingestion API that a client fills with its own words. */
const TEXT_FIELDS = new Set(['name', 'description', 'comment', 'message', 'subjectKey', 'output', 'purpose', 'codeVersion', 'transform', 'owner', 'engine']);

/** The bundle with every free-text field replaced by a hostile string (a different one per field). */
function hostile(bundle: IngestBundle): IngestBundle {
  let next = 0;
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key && TEXT_FIELDS.has(key) ? `${INJECTIONS[next++ % INJECTIONS.length]} #${next}` : value;
    if (Array.isArray(value)) return value.map((item) => walk(item));
    // An ION definition's `message` is an enum (MODEL, EVENT, DATA), not text: left as it is.
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'definition' ? v : walk(v, k)]));
    return value;
  };
  return walk(bundle) as IngestBundle;
}

let server: TestServer;
const bundle = hostile(chainBundle(prefix));

/** Nodes and relationships outside the access audit (which records the requests themselves). */
async function graphSize(): Promise<{ nodes: number; relationships: number }> {
  const { records } = await server.graph.driver.executeQuery(
    `MATCH (n) WHERE NOT n:AuditEntry AND NOT n:AuditHead
     RETURN count(n) AS nodes, COUNT { MATCH (a)-[]->(b) WHERE NOT a:AuditEntry AND NOT b:AuditEntry AND NOT a:AuditHead AND NOT b:AuditHead } AS relationships`,
  );
  return { nodes: Number(records[0]!.get('nodes')), relationships: Number(records[0]!.get('relationships')) };
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  await ingestBundle(server, bundle);
});

afterAll(async () => {
  await server?.close();
});

describe('hostile text', () => {
  it('is stored and returned verbatim by why, the governance view and search', async () => {
    const primary = bundle.predictions!.find((p) => p.id === ids.predictions.primary)!;
    const why = dataOf(
      await server.gql<{
        why: {
          prediction: { subjectKey: string; output: string };
          events: Array<{ id: string; message: string }>;
          models: Array<{ id: string; name: string }>;
        };
      }>(
        `query Why($id: String) { why(predictionId: $id) { prediction { subjectKey output } events { id message } models { id name } } }`,
        { id: primary.id },
        { as: Role.INVESTIGATOR },
      ),
    ).why;
    expect(why.prediction).toEqual({ subjectKey: primary.subjectKey, output: primary.output });
    const drift = bundle.events!.find((e) => e.id === ids.events.drift)!;
    expect(why.events.find((e) => e.id === drift.id)?.message).toBe(drift.message);
    expect(INJECTIONS.some((text) => primary.subjectKey.startsWith(text))).toBe(true);

    const approval = bundle.approvals!.find((a) => a.id === ids.approvals.approve)!;
    const view = dataOf(
      await server.gql<{ modelVersion: { decisionsByIon: Array<{ decisions: Array<{ id: string; comment: string | null }> }> } }>(
        `query View($id: String!) { modelVersion(id: $id) { decisionsByIon { decisions { id comment } } } }`,
        { id: ids.modelVersions.ensemble },
      ),
    ).modelVersion;
    const decisions = view.decisionsByIon.flatMap((ion) => ion.decisions);
    expect(decisions.find((d) => d.id === approval.id)?.comment).toBe(approval.comment);

    // The subject key is found by exact match, hostile characters and all.
    const found = dataOf(
      await server.gql<{ searchAll: { subjectPredictions: Array<{ id: string; subjectKey: string }> } }>(
        `query Find($text: String!) { searchAll(text: $text) { subjectPredictions { id subjectKey } } }`,
        { text: primary.subjectKey },
        { as: Role.INVESTIGATOR },
      ),
    ).searchAll;
    expect(found.subjectPredictions.map((p) => p.id)).toContain(primary.id);
    expect(found.subjectPredictions.find((p) => p.id === primary.id)?.subjectKey).toBe(primary.subjectKey);

    // Full-text search takes the hostile name as plain words (Lucene syntax escaped), and finds it.
    for (const model of bundle.models!) {
      const hits = dataOf(
        await server.gql<{ searchAll: { models: Array<{ id: string; name: string }> } }>(
          `query Find($text: String!) { searchAll(text: $text, first: 50) { models { id name } } }`,
          { text: model.name },
        ),
      ).searchAll.models;
      expect(hits.find((hit) => hit.id === model.id)?.name, model.name).toBe(model.name);
    }
  });
});

describe('hostile filters', () => {
  /** Every read that takes free text, with the hostile string in each such argument. */
  const READS: Array<[string, string, (text: string) => Record<string, unknown>]> = [
    ['searchAll', 'query Q($t: String!) { searchAll(text: $t) { exact { id } models { id } datasets { id } features { id } } }', (t) => ({ t })],
    ['searchModels', 'query Q($t: String) { searchModels(filter: { text: $t, algorithm: $t, framework: $t }) { totalCount } }', (t) => ({ t })],
    ['searchFeatures', 'query Q($t: String) { searchFeatures(filter: { text: $t }) { totalCount } }', (t) => ({ t })],
    ['why', 'query Q($t: String) { why(subjectKey: $t, at: "2026-03-03T00:00:00Z", output: $t) { prediction { id } } }', (t) => ({ t })],
    ['lineage', 'query Q($t: String!) { lineage(nodeId: $t, types: [$t]) { nodes { id } } }', (t) => ({ t })],
    [
      'lineageNeighbours',
      `query Q($t: String!) { lineageNeighbours(nodeId: "${ids.modelVersions.ensemble}", relType: "USED", type: $t, after: $t) { nodes { id } } }`,
      (t) => ({ t }),
    ],
    ['impact', 'query Q($t: String!) { impact(nodeId: $t, after: $t) { predictionCount } }', (t) => ({ t })],
    ['classification', 'query Q($t: String!) { classification(nodeId: $t) { level } }', (t) => ({ t })],
    ['accessLog', 'query Q($t: String!) { accessLog(targetId: $t, after: $t) { entries { seq } } }', (t) => ({ t })],
    ['exportSubgraph', 'query Q($t: String!) { exportSubgraph(rootId: $t) { manifest } }', (t) => ({ t })],
    ['modelVersion', 'query Q($t: String!) { modelVersion(id: $t) { id } }', (t) => ({ t })],
  ];

  it('answer with results or a clear client error, and change nothing', async () => {
    const before = await graphSize();
    const outcomes: string[] = [];
    // Two reads in flight: a caller may have two expensive reads running (more would be refused
    // with 429, and the read would not run at all), and one at a time left the server idle.
    const limit = pLimit(2);
    const cases = INJECTIONS.flatMap((text) => READS.map(([field, query, variables]) => ({ text, field, query, variables })));
    await Promise.all(
      cases.map(({ text, field, query, variables }) =>
        limit(async () => {
          const res = await server.gql(query, variables(text), { as: [Role.INVESTIGATOR, Role.AUDITOR] });
          expect(res.status, `${field} ${text}`).toBeLessThan(500);
          expect(res.status, `${field} ${text}: refused for load, not answered`).not.toBe(429);
          for (const error of res.body.errors ?? []) {
            expect(CLIENT_ERROR_CODES, `${field} ${JSON.stringify(text)}: ${error.message}`).toContain(error.extensions?.code);
            expect(error.extensions?.code, `${field} ${JSON.stringify(text)}: ${error.message}`).not.toBe('INTERNAL');
          }
          outcomes.push(`${field}: ${res.body.errors?.[0]?.extensions?.code ?? 'ok'}`);
        }),
      ),
    );
    expect(outcomes).toHaveLength(INJECTIONS.length * READS.length);
    expect(await graphSize()).toEqual(before);
    // Still whole: the chain's prediction is where it was.
    const still = await server.gql<{ why: { prediction: { id: string } } }>(`query { why(predictionId: "${ids.predictions.primary}") { prediction { id } } }`);
    expect(dataOf(still).why.prediction.id).toBe(ids.predictions.primary);
  });
});
