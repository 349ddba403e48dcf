/**
 * Runs the local Neo4j on its own, for users who want to inspect the graph with their tools:
 * `npm run neo4j` (Ctrl-C stops it). Uses the same data folder and port as `npm start`.
 */
import { loadConfig } from '../config';
import { startLocalNeo4j } from './local-neo4j';

const config = loadConfig();
const neo4j = await startLocalNeo4j({
  dataDir: config.localNeo4j.dataDir,
  port: config.localNeo4j.boltPort,
  pageCache: config.localNeo4j.pageCache,
});
console.log(`Neo4j ready at ${neo4j.uri} (auth disabled, loopback only); Ctrl-C stops it.`);
// `on`, not `once`: tsx re-raises a signal that no listener is left to handle.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void neo4j.stop().then(() => process.exit(0)));
}
