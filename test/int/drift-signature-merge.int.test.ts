/**
 * Window signatures built batch by batch: a run's predictions split over several batches, some
 * written concurrently, leave exactly the stored signatures one batch of all of them leaves
 * (the existing-signature path: locked, read, merged and written back in the ingest
 * transaction; the new-signature path: created with the batch's values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionInput } from '@ion-lineage/contract';
import type { StoredSignature } from '../../server/src/drift/drift.signature';
import { mergeIntoStored } from '../../server/src/drift/signature.batch';
import { summarizeBatch, windowSignatureId } from '../../server/src/drift/signature.recorder';
import { generateScenario } from '../../seed/src/scenario';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Stored features with the JSON inside parsed, so key order does not matter. */
function normalized(features: Record<string, StoredSignature>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(features).map(([f, s]) => [f, { ...s, sketch: s.sketch && JSON.parse(s.sketch), categories: s.categories && JSON.parse(s.categories) }]),
  );
}

describe('window signatures over several batches', () => {
  it('equal the signatures of all predictions at once, with concurrent batches of the same runs', async () => {
    const scenario = generateScenario({ seed: 5, predictions: 600 });
    const predictions = [...scenario.predictionBatches()].flatMap((b) => b.predictions ?? []) as PredictionInput[];
    const ingest = server.graph.services.ingest;
    await ingest.ingestBundle(scenario.base);
    // Interleaved thirds: every run's predictions fall into several batches.
    const parts = [0, 1, 2].map((k) => predictions.filter((_, i) => i % 3 === k));
    await ingest.ingestBundle({ predictions: parts[0] });
    await Promise.all([ingest.ingestBundle({ predictions: parts[1] }), ingest.ingestBundle({ predictions: parts[2] })]);

    const expected = new Map<string, Record<string, unknown>>();
    for (const [runId, run] of summarizeBatch(predictions)) {
      const features: Record<string, StoredSignature> = {};
      mergeIntoStored(features, run);
      expected.set(windowSignatureId(runId), normalized(features));
    }
    const session = server.graph.driver.session();
    try {
      const rows = (await session.run('MATCH (:Run)-[:HAS_SIGNATURE]->(s:Signature {scope: "WINDOW"}) RETURN s.id AS id, s.features AS features')).records;
      expect(rows.length).toBe(expected.size);
      for (const r of rows) expect(normalized(JSON.parse(r.get('features') as string)), r.get('id') as string).toEqual(expected.get(r.get('id') as string));
    } finally {
      await session.close();
    }
  });
});
