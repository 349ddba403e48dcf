/**
 * `npm run seed -- [--seed 42] [--predictions 20000] [--url http://localhost:4000/graphql] [--token T] [--concurrency 1]`
 *
 * Loads the demo scenario. With --url it goes through a running server's GraphQL `ingest`
 * mutation (what a pipeline would do), sending `--token` or ION_TOKEN (an INGEST or ADMIN
 * token); otherwise straight through the ingest service into
 * NEO4J_URI or the local Neo4j. Prints one JSON line with the load rate. Loading the same
 * seed and size twice is harmless (ids are idempotency keys); another seed or size reuses ids
 * with other content, which the graph refuses as CONFLICT: use a fresh database for it.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { graphqlClient } from '../../server/src/graphql/graphql-client';
import { loadConfig } from '../../server/src/config';
import { applyGraphSchema, openGraph, resolveNeo4j } from '../../server/src/graph';
import type { IngestBundle } from '@ion-lineage/contract';
import { DEMO_SEED } from './demo';
import type { ArtifactUploader } from './artifact-upload';
import { loadScenario, type BundleIngest } from './load';
import { withRemoteArtifacts } from './remote-artifacts';
import { DEFAULT_PREDICTIONS, generateScenario } from './scenario';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(DEMO_SEED) },
    predictions: { type: 'string', default: String(DEFAULT_PREDICTIONS) },
    url: { type: 'string' },
    token: { type: 'string' },
    concurrency: { type: 'string', default: '1' },
  },
});
const seed = Number(values.seed);
const predictions = Number(values.predictions);
if (!Number.isInteger(seed) || !Number.isInteger(predictions) || predictions < 0) {
  console.error('usage: npm run seed -- [--seed N] [--predictions N] [--url GRAPHQL_URL [--token T]]');
  process.exit(2);
}

const INGEST_MUTATION = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created unchanged } } }';

async function withTarget(load: (ingest: BundleIngest, artifacts?: ArtifactUploader) => Promise<void>): Promise<void> {
  if (values.url) {
    // Over the API: the graph through `ingest`, the model artifacts through the upload route.
    const token = values.token ?? process.env.ION_TOKEN;
    const gql = graphqlClient(values.url, token);
    return withRemoteArtifacts(values.url, token, (uploader) => load({ ingestBundle: (bundle: IngestBundle) => gql(INGEST_MUTATION, { bundle }) }, uploader));
  }
  const neo4j = await resolveNeo4j(loadConfig(), (message) => console.error(message));
  const graph = openGraph(neo4j.target);
  try {
    await applyGraphSchema(graph);
    await load(graph.services.ingest, graph.services.artifacts);
    // Approvals written past the API join the tamper-evident audit chain.
    await graph.services.audit.chainUnchainedApprovals();
  } finally {
    await graph.close();
    await neo4j.stop();
  }
}

await withTarget(async (ingest, artifacts) => {
  const scenario = generateScenario({ seed, predictions });
  let shown = 0;
  const onProgress = (done: number, total: number) => {
    if (done - shown >= 100_000 || done === total) {
      shown = done;
      console.error(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} predictions`);
    }
  };
  const result = await loadScenario(ingest, scenario, { onProgress, concurrency: Number(values.concurrency), artifacts });
  const memoryMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(
    JSON.stringify({
      seed,
      concurrency: Number(values.concurrency),
      ...result,
      predictionsPerSecond: Math.round(result.predictionsPerSecond),
      via: values.url ? 'graphql' : 'service',
      clientRssMb: memoryMb,
    }),
  );
});
