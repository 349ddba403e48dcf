/**
 * `npm run bulk-import -- --from bundles.ndjson --store DIR [--heap 1g] [--off-heap 2g] [--pagecache 1g] [--keep-csv] [--compress-csv]`
 *
 * Back-fills history into a NEW store: validates the contract bundles (one JSON bundle per
 * line), writes them as CSV, runs `neo4j-admin database import` into DIR, starts the local
 * Neo4j on it and runs the post-import steps (schema, derived state rebuild, one audit entry).
 * Then start the service with its local data directory set to DIR (or copy DIR's database to
 * where your Neo4j keeps its databases). Prints one JSON line with the counts and rates.
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openGraph } from '../graph';
import { startLocalNeo4j } from '../neo4j/local-neo4j';
import { fileSha256, importBundles, readBundles } from './bulk-import';
import { finishBulkImport } from './post-import';

const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    store: { type: 'string' },
    heap: { type: 'string', default: '1g' },
    'off-heap': { type: 'string', default: '2g' },
    pagecache: { type: 'string', default: '1g' },
    'keep-csv': { type: 'boolean', default: false },
    // gzip the CSV: for a back-fill whose CSV would not fit on disk beside its store.
    'compress-csv': { type: 'boolean', default: false },
  },
});
if (!values.from || !values.store) {
  console.error('usage: npm run bulk-import -- --from bundles.ndjson --store DIR [--heap 1g] [--off-heap 2g] [--pagecache 1g] [--keep-csv] [--compress-csv]');
  process.exit(2);
}
const storeDir = path.resolve(values.store);
const sha256 = await fileSha256(values.from);
const result = await importBundles(readBundles(values.from), {
  storeDir,
  keepCsv: values['keep-csv'],
  compressCsv: values['compress-csv'],
  memory: { heap: values.heap, offHeap: values['off-heap'] },
  onOutput: (line) => (/IMPORT DONE|Imported|nodes$|relationships$|properties$/.test(line) ? console.error(line) : undefined),
});
const neo4j = await startLocalNeo4j({ dataDir: storeDir, port: 0, pageCache: values.pagecache, heap: values.heap });
const graph = openGraph({ uri: neo4j.uri, user: 'neo4j', password: 'local' });
try {
  const post = await finishBulkImport(graph, result.manifest, { source: path.basename(values.from), sha256 });
  const predictions = result.manifest.counts.predictions ?? 0;
  const seconds = result.exportSeconds + result.admin.seconds + post.schemaSeconds;
  console.log(
    JSON.stringify({
      store: storeDir,
      counts: result.manifest.counts,
      nodes: result.admin.nodes,
      relationships: result.admin.relationships,
      exportSeconds: Math.round(result.exportSeconds),
      importSeconds: Math.round(result.admin.seconds),
      schemaSeconds: Math.round(post.schemaSeconds),
      predictionsPerSecond: Math.round(predictions / seconds),
    }),
  );
} finally {
  await graph.close();
  await neo4j.stop();
}
