/**
 * The client SDK against the real server and Neo4j: every part of the ingestion API through
 * its typed call, replays stored once, refused records dead-lettered with the server's error,
 * and the token checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../seed/src/scenario';
import { Role } from '../../server/src/auth/roles';
import type { PredictionInput } from '@ion-lineage/contract';
import { DeliveryError, LineageClient, type DeadLetter } from '@ion-lineage/sdk';
import { startTestServer, type TestServer } from '../support/server';

/** Test-only read: node counts per label. */
async function nodeCounts(driver: Driver): Promise<Record<string, number>> {
  const { records } = await driver.executeQuery(
    'MATCH (n) WHERE NOT n:SchemaMeta AND NOT n:AuditEntry AND NOT n:ApiToken RETURN labels(n)[0] AS label, count(*) AS count',
  );
  return Object.fromEntries(records.map((record) => [record.get('label') as string, Number(record.get('count'))]));
}

describe('client SDK against the server', () => {
  const scenario = generateScenario({ seed: 23, predictions: 300 });
  const predictions = [...scenario.predictionBatches()].flatMap((batch) => batch.predictions ?? []);
  const spoolDirs: string[] = [];
  let server: TestServer;
  let token: string;

  const open = (options: { token?: string; onDeadLetter?: (entry: DeadLetter) => void; onRetry?: (error: DeliveryError) => void } = {}) => {
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-int-'));
    spoolDirs.push(spoolDir);
    return new LineageClient({
      url: `${server.url}/graphql`,
      token: 'token' in options ? options.token : token,
      spoolDir,
      flushIntervalMs: 20,
      retryMinMs: 20,
      retryMaxMs: 100,
      ...options,
    });
  };

  beforeAll(async () => {
    server = await startTestServer({ wipe: true });
    token = await server.token(Role.INGEST);
  });
  afterAll(async () => {
    await server?.close();
    for (const dir of spoolDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('records every part through its typed call and stores exactly the scenario', async () => {
    const client = open();
    const { base } = scenario;
    // Parents before children, one typed call per part.
    client.recordPrincipals(base.principals);
    client.recordIons(base.ions);
    client.recordIonInstances(base.ionInstances);
    client.recordDatasets(base.datasets);
    client.recordDatasetVersions(base.datasetVersions);
    client.recordFeatures(base.features);
    client.recordModels(base.models);
    client.recordRuns(base.runs);
    client.recordStages(base.stages);
    client.recordModelVersions(base.modelVersions);
    client.recordApprovals(base.approvals);
    client.recordDeployments(base.deployments);
    client.recordModelLoads(base.modelLoads);
    client.recordEvents(base.events);
    for (const prediction of predictions) void client.recordPrediction(prediction);
    // A slow shared machine may take a while; close() waits for the server's confirmation.
    expect(await client.close({ timeoutMs: 110_000 })).toEqual({ remaining: 0 });

    const c = scenario.truth.counts;
    const counts = await nodeCounts(server.graph.driver);
    expect(counts).toMatchObject({
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
      Prediction: c.predictions,
      Principal: c.principals,
      Run: c.runs,
      Stage: c.stages,
    });
    const { records } = await server.graph.driver.executeQuery('MATCH ()-[r:LOADED]->() RETURN count(r) AS n');
    expect(Number(records[0]!.get('n'))).toBe(c.modelLoads);
  });

  it('sends a replay of everything as one bundle and the server reports it unchanged', async () => {
    const client = open();
    await client.bundle({ ...scenario.base, predictions: predictions.slice(0, 100) });
    await client.flush();
    const stats = client.stats();
    expect(stats.created).toBe(0);
    expect(stats.unchanged).toBeGreaterThan(100);
    await client.close();
  });

  it("answers direct ingest calls with the server's counts", async () => {
    const client = open();
    const result = await client.ingestPart('predictions', predictions.slice(0, 10));
    expect(result).toEqual({ created: 0, unchanged: 10 });
    await client.close();
  });

  it('writes a record the server refuses to the dead-letter file and delivers the rest', async () => {
    const dead: DeadLetter[] = [];
    const client = open({ onDeadLetter: (entry) => dead.push(entry) });
    const template = predictions[0]!;
    const good: PredictionInput[] = [0, 1, 2].map((i) => ({ ...template, id: `sdk-good-${i}`, requestId: `sdk-req-${i}` }));
    const bad: PredictionInput = { ...template, id: 'sdk-bad-0', runId: 'run-that-does-not-exist' };
    client.recordPredictions([good[0]!, bad, good[1]!, good[2]!]);
    await client.close();

    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ part: 'predictions', item: { id: 'sdk-bad-0' }, error: { code: 'BAD_USER_INPUT' } });
    expect(dead[0]!.error.message).toContain('run-that-does-not-exist');
    const file = fs.readFileSync(path.join(spoolDirs.at(-1)!, 'dead-letter.ndjson'), 'utf8');
    expect(file).toContain('sdk-bad-0');
    const { records } = await server.graph.driver.executeQuery("MATCH (p:Prediction) WHERE p.id STARTS WITH 'sdk-' RETURN p.id AS id ORDER BY id");
    expect(records.map((record) => record.get('id'))).toEqual(['sdk-good-0', 'sdk-good-1', 'sdk-good-2']);
  });

  it("keeps records spooled, never dead-lettered, while the server refuses the caller's credentials", async () => {
    const codes: string[] = [];
    const client = open({ token: undefined, onRetry: (error) => codes.push(error.code) });
    void client.recordPrediction({ ...predictions[0]!, id: 'sdk-unauth-0' });
    const { remaining } = await client.close({ timeoutMs: 1_000 });
    expect(remaining).toBe(1);
    expect(codes[0]).toBe('UNAUTHENTICATED');
    expect(client.stats().deadLettered).toBe(0);
  });
});
