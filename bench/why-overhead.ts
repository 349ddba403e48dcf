import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';
import { OPERATIONS, pickInputs } from './operations';
import { startServerProcess } from './server-process';
import { baselineCheckout } from './baseline';
import { measureWhyVariants, type WhyVariant } from './why-variants';

const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';

/**
 * The steps of the `why` fast path, each switched off in turn, cumulative from the old
 * behaviour: the locked audit append and no JWT cache, then the one-statement append, then the
 * JWT verification cache too (today's defaults).
 */
// Each server appends to its own chain, as instances of one deployment should (AUDIT_CHAIN_ID):
// on the shared default chain the interleaved requests would move one another's head every time.
export const WHY_VARIANTS: WhyVariant[] = [
  { label: 'locked append, no token cache', env: { AUDIT_APPEND: 'locked', AUTH_JWT_CACHE_MS: '0', AUDIT_CHAIN_ID: 'bench-locked' } },
  { label: 'one-statement append, no token cache', env: { AUTH_JWT_CACHE_MS: '0', AUDIT_CHAIN_ID: 'bench-append' } },
  { label: 'one-statement append, token cache (default)', env: { AUDIT_CHAIN_ID: 'bench-default' } },
];

/** Today's defaults on another checkout's server and on this one's, to measure a change back to back in one run. */
function comparison(root: string, spec: string): WhyVariant[] {
  return [
    { label: `defaults, baseline ${spec}`, env: { AUDIT_CHAIN_ID: 'bench-other' }, root },
    { label: 'defaults, this checkout', env: { AUDIT_CHAIN_ID: 'bench-this' } },
  ];
}

/** A fresh Neo4j loaded with `requests` demo requests, then `measureWhyVariants` on it; prints one JSON line. */
export async function benchWhyOverhead(
  options: {
    requests: number;
    samples: number;
    warmup: number;
    rounds: number;
    seed: number;
    cpuProfDir?: string;
    onlyDefault?: boolean;
    /** A git ref or another checkout (`bench/baseline.ts`): its server is measured beside this one's, both on their defaults. */
    baseline?: string;
  },
  emit: (record: Record<string, unknown>) => void,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-why-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '1g' });
  try {
    const loader = await startServerProcess(neo4j.uri);
    const gql = graphqlClient(loader.url, loader.token);
    const scenario = generateScenario({ seed: options.seed, predictions: options.requests });
    let inputs;
    try {
      await loadScenario({ ingestBundle: (bundle) => gql(INGEST, { bundle }) }, scenario, () => {});
      inputs = (await pickInputs(gql, scenario, options.samples)).why;
    } finally {
      await loader.stop();
    }
    const nodeArgs = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfDir)}`] : [];
    const query = OPERATIONS.find((operation) => operation.name === 'why')!.query;
    const variants = options.baseline
      ? comparison(await baselineCheckout(options.baseline), options.baseline)
      : options.onlyDefault
        ? WHY_VARIANTS.slice(-1)
        : WHY_VARIANTS;
    const figures = await measureWhyVariants(neo4j.uri, query, inputs, variants, { ...options, nodeArgs });
    emit({
      bench: 'why-overhead',
      requests: options.requests,
      raw: figures.raw,
      floor: figures.floor,
      http: figures.http,
      variants: figures.variants,
      load: figures.load,
      unit: 'ms',
      what: 'why over HTTP on servers with each fast-path step off or on, why/explain over Bolt (raw), and why/explain then the audit append over Bolt (floor: an audited read with nothing else), interleaved; ratios are medians over rounds',
    });
  } finally {
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
