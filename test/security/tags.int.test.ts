/**
 * Tags are free text on nodes that every role may see, so the attack is to make them carry or
 * confirm subject data: tag a prediction with its subject, or search the tag index for a
 * subject key as a caller without clearance. Predictions take no tags at all, and a subject key
 * searched through tags matches nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { INGEST_BUNDLE } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const SUBJECT = 'patient-004217';

describe('tags carry no subject data', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ wipe: true });
    const res = await server.gql(INGEST_BUNDLE, {
      bundle: {
        ions: [{ id: 'ion-sec-tags', name: 'i', version: '1', definition: { nodes: [{ id: 'pn-sec-tags', name: 'score', role: 'INFERENCE' }], edges: [] } }],
        runs: [
          {
            id: 'run-sec-tags',
            pipelineNodeId: 'pn-sec-tags',
            kind: 'INFERENCE',
            startedAt: '2026-03-01T00:00:00Z',
            status: 'COMPLETED',
            tags: [{ key: 'team', value: 'risk' }],
          },
        ],
        predictions: [
          {
            id: 'p-sec-tags',
            runId: 'run-sec-tags',
            requestId: 'rq-sec-tags',
            subjectKey: SUBJECT,
            at: '2026-03-01T01:00:00Z',
            output: 'CT',
            modelVersionIds: [],
          },
        ],
      },
    });
    expect(res.body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses tags on a prediction and on an event, through the single and the bundle mutations', async () => {
    const tags = [{ key: 'subject', value: SUBJECT }];
    const prediction = {
      id: 'p-sec-2',
      runId: 'run-sec-tags',
      requestId: 'rq-2',
      subjectKey: SUBJECT,
      at: '2026-03-01T02:00:00Z',
      output: 'CT',
      modelVersionIds: [],
      tags,
    };
    const event = { id: 'e-sec-2', runId: 'run-sec-tags', type: 'INFO', at: '2026-03-01T02:00:00Z', message: 'm', tags };
    for (const bundle of [{ predictions: [prediction] }, { events: [event] }]) {
      const res = await server.gql(INGEST_BUNDLE, { bundle }, { as: Role.INGEST });
      expect(res.body.errors?.[0]?.message).toMatch(/"tags" is not defined/);
    }
    const { records } = await server.graph.driver.executeQuery(`MATCH (t:Tag) RETURN collect(t.id) AS ids`);
    expect(records[0]!.get('ids')).toEqual(['tag:team=risk']);
  });

  it("an uncleared caller's subject-key search finds nothing through tags", async () => {
    for (const text of [SUBJECT, `subject:${SUBJECT}`, `subject=${SUBJECT}`]) {
      const res = await server.gql<{ searchAll: { tagged: unknown[]; subjectPredictions: unknown[]; exact: unknown[] } }>(
        `query($t: String!) { searchAll(text: $t) { tagged { id kind } subjectPredictions { id } exact { id } } }`,
        { t: text },
        { as: Role.SCIENTIST },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.searchAll).toEqual({ tagged: [], subjectPredictions: [], exact: [] });
    }
  });
});
