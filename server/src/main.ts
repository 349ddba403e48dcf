/**
 * `npm start`: a local Neo4j (or NEO4J_URI), the schema, the demo scenario when the graph is
 * empty, and the API on http://localhost:4000. Ctrl-C stops everything cleanly.
 */
import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app';
import { ensureDemoToken, jwtConfigFrom } from './auth/demo-credentials';
import { Role } from './auth/roles';
import { loadConfig } from './config';
import { applyGraphSchema, loadRegistry, openGraph, resolveNeo4j } from './graph';
import { ensureMaintainedState } from './maintained/maintained-state';
import { createLogger } from './logger';
import { shutdownGracefully, trackRequests } from './ops/shutdown';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';
// The one import of the seed from the server: this entry point is the composition root of
// `npm start`, which loads the demo. The demo lives in the seed (it generates the scenario and
// writes it through this server's ingest service); no other server module imports the seed.
import { seedDemoIfEmpty } from '../../seed/src/demo';

const startedAt = Date.now();
const config = loadConfig();
const logger = createLogger(config.logLevel);
const say = (message: string) => console.log(`[ion-lineage] ${message}`);

// Query files are checked before anything starts, so a broken install fails in a second.
const registry = loadRegistry();
const neo4jProcess = await resolveNeo4j(config, say);
const graph = openGraph(neo4jProcess.target, registry, {
  auditReads: config.auth.auditReads,
  auditRefusalWindowMs: config.auditRefusalWindowMs,
  queryTimeoutMs: config.queryTimeoutMs,
  retryTimeMs: config.retryTimeMs,
});
// Sends webhook deliveries from the outbox in the graph; WEBHOOK_DISPATCHER=false leaves that to other instances.
const dispatcher = new WebhookDispatcher(graph.services.executor, graph.services.webhooks, logger);
let ready = false;
let server: Server | undefined;
let requests: ReturnType<typeof trackRequests> | undefined;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping...`);
  ready = false; // /readyz answers 503 on kept-alive connections, so balancers stop sending
  // Stop taking requests, let in-flight ones finish (their batches commit), then close the
  // graph and the database; past the deadline, exit non-zero anyway.
  const code = await shutdownGracefully({
    drain: () => requests?.drain() ?? Promise.resolve(),
    close: async () => {
      // The round in flight records its attempts before the graph closes; unsent items stay in the outbox.
      await dispatcher.stop();
      await graph.close();
      await neo4jProcess.stop();
    },
    log: say,
    deadlineMs: config.shutdownDeadlineMs,
  });
  say(code === 0 ? 'stopped.' : 'stopped, not cleanly.');
  process.exit(code);
}
// `on`, not `once`: tsx re-raises a signal that no listener is left to handle, which would kill
// the process before the database has stopped.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));

try {
  await graph.driver.verifyConnectivity();
  const version = await applyGraphSchema(graph);
  say(`Neo4j at ${neo4jProcess.target.uri}, schema version ${version}.`);
  // Impact and compliance read counters kept at ingest; a graph filled another way gets them once here.
  const counters = await ensureMaintainedState(graph.services.executor);
  if (typeof counters === 'object') say(`Rebuilt the maintained counters in ${counters.seconds.toFixed(1)} s.`);
  say(`Model artifacts in the ${graph.services.artifacts.description}.`);
  if (config.seedOnEmpty) await seedDemoIfEmpty(graph, config.demoPredictions, say);
  // A chain from before the audit key is sealed under it; approvals written past the API (the
  // demo loader, or before a crash) join the chain.
  await graph.services.audit.start();
  const jwt = jwtConfigFrom(config.auth);
  const demoToken = config.auth.demoToken ? await ensureDemoToken(graph.services.tokens, config.auth, Role.ADMIN) : undefined;
  // The investigator is cleared to see subject keys: the README's "why did patient X…" walkthrough signs in as them.
  const investigatorToken = config.auth.demoToken ? await ensureDemoToken(graph.services.tokens, config.auth, Role.INVESTIGATOR) : undefined;
  if (process.env.WEBHOOK_DISPATCHER !== 'false') dispatcher.start();
  ready = true;
  const { app } = await createApp({
    services: graph.services,
    driver: graph.driver,
    logger,
    metricsToken: config.metricsToken,
    isReady: () => ready,
    auth: { jwt },
    limits: config.limits,
  });
  server = app.listen(config.port, config.host);
  requests = trackRequests(server);
  await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
  say(`GraphQL API ready at http://localhost:${config.port}/graphql (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  if (demoToken && investigatorToken) {
    say(`Demo admin token (send as 'Authorization: Bearer <token>'; sees subject keys masked): ${demoToken}`);
    say(`Sign in to the web UI as admin: http://localhost:${config.port}/#token=${demoToken}`);
    say(`Demo investigator token (cleared for subject keys and inputs): ${investigatorToken}`);
    say(`Sign in to the web UI as investigator: http://localhost:${config.port}/#token=${investigatorToken}`);
  }
} catch (error) {
  console.error(`[ion-lineage] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await graph.close().catch(() => {});
  await neo4jProcess.stop();
  process.exit(1);
}
