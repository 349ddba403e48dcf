import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { type Neo4jTarget, REPO_ROOT, type ServiceConfig } from './config';
import { type ArtifactStore, artifactStoreFrom } from './artifacts/artifact-store';
import { checkpointFileFrom } from './audit/audit.keys';
import { AuditLog } from './audit/audit.service';
import { ApiTokenService } from './auth/token.service';
import { ClassificationService } from './classification/classification.service';
import { loadMaskingKey, Masker } from './classification/masking';
import { RestrictedDataGuard } from './classification/restricted-data.guard';
import { ComplianceService } from './compliance/compliance.service';
import { loadExportSigner } from './export/export.signing';
import { ExportService } from './export/export.service';
import { GovernanceService } from './governance/model-version.service';
import { ImpactService } from './impact/impact.service';
import { IngestService } from './ingest/ingest-service';
import { DriftService } from './drift/drift.service';
import { signatureHook } from './drift/signature.recorder';
import { IonViewService } from './ion/ion-view.service';
import { LineageService } from './lineage/lineage.service';
import { SearchService } from './search/search.service';
import type { Services } from './graphql/context';
import { startLocalNeo4j } from './neo4j/local-neo4j';
import { enableTcpNoDelayForBolt } from './neo4j/tcp-nodelay';
import { CypherRegistry } from './store/cypher-registry';
import { Executor } from './store/executor';
import { QUERY_NAMES } from './store/query-names';
import { applySchema } from './store/schema';
import { type WebhookConfig, webhookConfigFrom } from './webhooks/webhook.config';
import { loadSecretBox } from './webhooks/webhook.secrets';
import { WebhookService } from './webhooks/webhook.service';
import { WhyService } from './why/why.service';
import { ModelCache } from './replay/model-cache';
import { ReplayEngine } from './replay/replay.engine';
import { ReplayService } from './replay/replay.service';
import { ReplayJobService } from './replay/replay-job.service';

export const CYPHER_DIR = path.join(REPO_ROOT, 'cypher');

/** An open connection to the lineage graph with the services built on it. */
export interface Graph {
  driver: Driver;
  registry: CypherRegistry;
  services: Services;
  close(): Promise<void>;
}

/** Loads every query file, failing fast on a missing, unused or malformed one. */
export function loadRegistry(): CypherRegistry {
  return new CypherRegistry(CYPHER_DIR, QUERY_NAMES);
}

/** Options of `openGraph`; `auditReads: false` only for the audit-overhead benchmark. */
export interface GraphOptions {
  auditReads?: boolean;
  /** Where signed checkpoints of the audit chain head go (default: AUDIT_CHECKPOINT_FILE or `.data/audit-checkpoints.jsonl`); null: none. */
  auditCheckpointFile?: string | null;
  /** Window over which refused requests are aggregated (default 60 s). */
  auditRefusalWindowMs?: number;
  /** This instance's own audit chain (default: AUDIT_CHAIN_ID, else the shared default chain). */
  auditChainId?: string | null;
  /** Server-side timeout of each read transaction (NEO4J_QUERY_TIMEOUT_MS); default 15 s. */
  queryTimeoutMs?: number;
  /** How long the driver retries a transaction against an unreachable database before GRAPH_UNAVAILABLE; the driver's default is 30 s. */
  retryTimeMs?: number;
  /** Where model artifacts are kept (default: ARTIFACT_DIR or `.data/artifacts`). */
  artifacts?: ArtifactStore;
  /** Webhook settings over WEBHOOK_* (tests shorten the timings and allow loopback). */
  webhooks?: Partial<WebhookConfig>;
  /** Record serving-window drift signatures while ingesting (default: on unless DRIFT_SIGNATURES=off). */
  signatures?: boolean;
}

/** Opens the driver and builds the services on the loaded queries. */
export function openGraph(target: Neo4jTarget, registry: CypherRegistry = loadRegistry(), options: GraphOptions = {}): Graph {
  enableTcpNoDelayForBolt();
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), {
    // Counts and sizes in this graph stay far below 2^53, so plain numbers are safe.
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    ...(options.retryTimeMs === undefined ? {} : { maxTransactionRetryTime: options.retryTimeMs }),
  });
  const executor = new Executor(driver, registry, { readTimeoutMs: options.queryTimeoutMs });
  const classification = new ClassificationService(executor);
  const lineage = new LineageService(executor);
  const restricted = new RestrictedDataGuard(classification, new Masker(loadMaskingKey()));
  const audit = new AuditLog(executor, options.auditReads ?? true, {
    checkpointFile: options.auditCheckpointFile === undefined ? checkpointFileFrom() : options.auditCheckpointFile,
    refusalWindowMs: options.auditRefusalWindowMs,
    chainId: options.auditChainId === undefined ? process.env.AUDIT_CHAIN_ID : options.auditChainId,
    optimisticAppend: process.env.AUDIT_APPEND !== 'locked',
  });
  const webhooks = new WebhookService(executor, loadSecretBox(), { ...webhookConfigFrom(), ...options.webhooks });
  const ingest = new IngestService(executor);
  // A commit that may have queued deliveries wakes this process's dispatcher, if it runs one.
  ingest.onCommitted = () => webhooks.wake?.();
  const artifacts = options.artifacts ?? artifactStoreFrom();
  const replay = new ReplayService(executor, new ReplayEngine(new ModelCache(artifacts)));
  if (options.signatures ?? process.env.DRIFT_SIGNATURES !== 'off') ingest.hooks.push(signatureHook);
  return {
    driver,
    registry,
    services: {
      executor,
      ingest,
      drift: new DriftService(executor, ingest),
      why: new WhyService(executor),
      lineage,
      governance: new GovernanceService(executor),
      search: new SearchService(executor),
      impact: new ImpactService(executor),
      ionView: new IonViewService(executor),
      compliance: new ComplianceService(executor),
      classification,
      restricted,
      exports: new ExportService(lineage, restricted, loadExportSigner(), (ids) => replay.latest(ids)),
      tokens: new ApiTokenService(executor),
      audit,
      artifacts,
      webhooks,
      replay,
      replayJobs: new ReplayJobService(executor, replay),
    },
    // Refusals still counted and the last checkpoint are written before the driver closes.
    close: async () => {
      await audit.close().catch(() => {});
      await driver.close();
    },
  };
}

/** Applies the schema files idempotently and records the version. */
export function applyGraphSchema(graph: Graph): Promise<number> {
  return applySchema(graph.driver, graph.services.executor, path.join(CYPHER_DIR, 'schema'));
}

/** The Neo4j to use: the configured one, or a local one the project starts itself. */
export async function resolveNeo4j(config: ServiceConfig, log: (message: string) => void): Promise<{ target: Neo4jTarget; stop: () => Promise<void> }> {
  if (config.neo4j) return { target: config.neo4j, stop: async () => {} };
  log(`Starting the local Neo4j (data in ${path.relative(process.cwd(), config.localNeo4j.dataDir) || '.'})...`);
  const local = await startLocalNeo4j({
    dataDir: config.localNeo4j.dataDir,
    port: config.localNeo4j.boltPort,
    pageCache: config.localNeo4j.pageCache,
  });
  return { target: { uri: local.uri, user: 'neo4j', password: 'local' }, stop: () => local.stop() };
}
