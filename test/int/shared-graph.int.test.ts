/**
 * The shared seeded graph of read-only test files (test/support/shared-graph.ts) is checked, not
 * trusted: a file that declared it only reads and then changed one property fails, naming the
 * node; a change by anyone between two readers forces a reload; audit entries written by reads
 * neither count as a change nor carry over to the next reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainBundle, chainIds } from '../support/fixtures';
import { applyTestSchema, connectTestGraph, readRows, type TestGraph } from '../support/neo4j';
import { checkSharedGraph, noteFileStarted, useSharedGraph } from '../support/shared-graph';

const P = 'shared-graph';
const KEY = 'shared-graph test chain';
let graph: TestGraph;
let loads = 0;

/** What a read-only file does before its tests: returns whether the worker's copy was reused. */
const useChain = () =>
  useSharedGraph(graph.driver, KEY, async () => {
    loads += 1;
    await graph.services.ingest.ingestBundle(chainBundle(P));
  });

const count = async (query: string) => Number((await readRows<{ n: unknown }>(graph.driver, query))[0]!.n);

beforeAll(async () => {
  graph = await connectTestGraph();
  await applyTestSchema(graph);
}, 120_000);

afterAll(async () => {
  await graph?.driver.close();
});

describe('a shared seeded graph', () => {
  it('is loaded once, then reused while untouched; audit entries of reads are dropped, not counted', async () => {
    expect(await useChain()).toBe(false);
    await checkSharedGraph();
    // A read appends to the access audit: not a change of the fixture.
    await graph.driver.executeQuery("CREATE (:AuditEntry {id: 'shared-graph-read', seq: -1})");
    await checkSharedGraph();
    expect(await useChain()).toBe(true);
    expect(loads).toBe(1);
    expect(await count("MATCH (n:AuditEntry {id: 'shared-graph-read'}) RETURN count(n) AS n")).toBe(0);
    await checkSharedGraph();
  });

  it('fails the file that declared it only reads but set one property, naming the node; the next reader reloads', async () => {
    expect(await useChain()).toBe(true);
    const { predictions } = chainIds(P);
    await graph.driver.executeQuery('MATCH (p:Prediction {id: $id}) SET p.output = $output', { id: predictions.primary, output: 'NO_SCAN' });
    await expect(checkSharedGraph()).rejects.toThrow(
      new RegExp(`only reads the shared graph "${KEY}", but changed it \\(changed: \\(:Prediction ${predictions.primary} `),
    );
    expect(await useChain()).toBe(false);
    expect(loads).toBe(2);
    expect(await count(`MATCH (p:Prediction {id: '${predictions.primary}'}) RETURN count(p) AS n`)).toBe(1);
    await checkSharedGraph();
  });

  it('names the counts that changed when a file added a node', async () => {
    expect(await useChain()).toBe(true);
    await graph.driver.executeQuery("CREATE (:Column {id: 'shared-graph.column', name: 'amount'})");
    await expect(checkSharedGraph()).rejects.toThrow(/counts changed: :Column 0 -> 1/);
    expect(await useChain()).toBe(false);
    await checkSharedGraph();
  });

  it('is reused by the next file on the worker after a reader left it unchanged', async () => {
    expect(await useChain()).toBe(true);
    await checkSharedGraph();
    noteFileStarted();
    const before = loads;
    expect(await useChain()).toBe(true);
    expect(loads).toBe(before);
    await checkSharedGraph();
  });

  it('reloads when another file changed the graph between two readers', async () => {
    expect(await useChain()).toBe(true);
    await checkSharedGraph();
    // A file that writes (and does not declare anything) runs next on this worker, then a reader.
    noteFileStarted();
    const { modelVersions } = chainIds(P);
    await graph.driver.executeQuery("MATCH (mv:ModelVersion {id: $id}) SET mv.status = 'REJECTED'", { id: modelVersions.gbm });
    noteFileStarted();
    const before = loads;
    expect(await useChain()).toBe(false);
    expect(loads).toBe(before + 1);
    expect(await count(`MATCH (mv:ModelVersion {id: '${modelVersions.gbm}', status: 'APPROVED'}) RETURN count(mv) AS n`)).toBe(1);
    await checkSharedGraph();
  });
});
