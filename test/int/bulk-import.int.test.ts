import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBundles } from '../../server/src/bulk/bulk-import';
import { NODE_COLUMNS } from '../../server/src/bulk/bulk-tables';
import { finishBulkImport } from '../../server/src/bulk/post-import';
import { openGraph } from '../../server/src/graph';
import { type LocalNeo4j, startLocalNeo4j } from '../../server/src/neo4j/local-neo4j';
import { generateScenario } from '../../seed/src/scenario';
import { ingestBundle } from '../support/ingest-api';
import { readRows } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

/** Every label the ingest queries create; audit, drift and schema bookkeeping are not lineage. */
const LINEAGE_LABELS = Object.keys(NODE_COLUMNS);
/** Set to the write time by each path, so only their type is compared (inputs' own createdAt are compared whole). */
const WRITE_TIME_LABELS = new Set(LINEAGE_LABELS.filter((label) => label !== 'DatasetVersion' && label !== 'ModelVersion'));

/** The graph as sorted lines: each node by label, id and typed properties; each relationship by type, endpoints and properties. */
async function canonicalDump(driver: Driver): Promise<{ nodes: string[]; rels: string[] }> {
  const nodes = await readRows<{ label: string; props: Record<string, unknown>; types: string[][] }>(
    driver,
    `MATCH (n) WHERE labels(n)[0] IN $labels
     RETURN labels(n)[0] AS label, properties(n) AS props, [k IN keys(n) | [k, valueType(n[k])]] AS types`,
    { labels: LINEAGE_LABELS },
  );
  const rels = await readRows<{ line: string[]; props: Record<string, unknown>; types: string[][] }>(
    driver,
    `MATCH (a)-[r]->(b) WHERE labels(a)[0] IN $labels AND labels(b)[0] IN $labels
     RETURN [labels(a)[0], a.id, type(r), labels(b)[0], b.id] AS line, properties(r) AS props, [k IN keys(r) | [k, valueType(r[k])]] AS types`,
    { labels: LINEAGE_LABELS },
  );
  const text = (props: Record<string, unknown>, types: string[][], masked: boolean) =>
    types
      .sort(([a], [b]) => a!.localeCompare(b!))
      .map(([key, type]) => `${key}:${type}=${masked && key === 'createdAt' ? '<write time>' : JSON.stringify(String(props[key!]))}`)
      .join(' ');
  return {
    nodes: nodes.map((n) => `${n.label} ${text(n.props, n.types, WRITE_TIME_LABELS.has(n.label))}`).sort(),
    rels: rels.map((r) => `${r.line.join(' ')} ${text(r.props, r.types, false)}`).sort(),
  };
}

/** Both JVMs live for seconds over a small graph: the C1 compiler alone spends far less CPU warming up. */
const QUICK_JVM = ['-XX:TieredStopAtLevel=1'];

async function schemaOf(driver: Driver): Promise<string[]> {
  const constraints = await readRows<{ line: string }>(driver, 'SHOW CONSTRAINTS YIELD name, type RETURN name + " " + type AS line');
  const indexes = await readRows<{ line: string }>(driver, 'SHOW INDEXES YIELD name, type, state RETURN name + " " + type + " " + state AS line');
  return [...constraints, ...indexes].map((row) => row.line).sort();
}

describe('bulk import: the same history through the API and through neo4j-admin import gives the same graph', () => {
  const scenario = generateScenario({ seed: 11, predictions: 150, predictionBatchSize: 100 });
  const bundles = [scenario.base, ...scenario.predictionBatches()];
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bulk-test-'));
  let server: TestServer;
  let bulk: LocalNeo4j;
  let bulkDriver: Driver;

  beforeAll(async () => {
    // The two paths share nothing until the comparison: the API ingest (Node and the worker's
    // Neo4j) runs while the import tool and the second Neo4j (their own JVMs) build the other.
    const viaApi = async () => {
      server = await startTestServer({ wipe: true });
      for (const bundle of bundles) await ingestBundle(server, bundle);
    };
    const viaImport = async () => {
      // Through gzipped CSV: the plain files are the same bytes (the writer's unit test), so this
      // also covers the import tool reading compressed files, multi-line ones included.
      const imported = await importBundles(bundles, {
        storeDir,
        compressCsv: true,
        memory: { heap: '256m', offHeap: '256m', jvmOptions: QUICK_JVM },
      });
      bulk = await startLocalNeo4j({ dataDir: storeDir, port: 0, pageCache: '64m', heap: '512m', jvmOptions: QUICK_JVM });
      const graph = openGraph({ uri: bulk.uri, user: 'neo4j', password: 'local' }, undefined, { auditCheckpointFile: null, signatures: false });
      try {
        await finishBulkImport(graph, imported.manifest, { source: 'test' });
      } finally {
        await graph.close();
      }
      bulkDriver = neo4j.driver(bulk.uri, neo4j.auth.basic('neo4j', 'local'));
    };
    await Promise.all([viaApi(), viaImport()]);
  });

  afterAll(async () => {
    await bulkDriver?.close();
    await bulk?.stop();
    await server?.close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it('holds the same nodes (labels, typed properties, content hashes) and relationships (types, endpoints by id, properties)', async () => {
    const api = await canonicalDump(server.graph.driver);
    const imported = await canonicalDump(bulkDriver);
    expect(api.nodes.length).toBeGreaterThan(300);
    expect(imported.nodes.length).toBe(api.nodes.length);
    expect(imported.nodes).toEqual(api.nodes);
    expect(imported.rels.length).toBe(api.rels.length);
    expect(imported.rels).toEqual(api.rels);
  });

  it('has the constraints and indexes the service applies, online', async () => {
    expect(await schemaOf(bulkDriver)).toEqual(await schemaOf(server.graph.driver));
  });

  it('records the whole import as one audited admin action', async () => {
    const entries = await readRows<{ operation: string; principalId: string; details: string }>(
      bulkDriver,
      "MATCH (e:AuditEntry {kind: 'access'}) RETURN e.operation AS operation, e.principalId AS principalId, e.details AS details",
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.operation).toBe('bulkImport');
    expect(entries[0]!.principalId).toMatch(/^admin:bulk-import:/);
    expect(JSON.parse(entries[0]!.details).counts.predictions).toBe(300);
  });
});
