/**
 * OpenLineage single events, this checkout against another (`--baseline <git ref or
 * checkout>`, bench/baseline.ts) and against the raw ceiling:
 * the same graph writes sent straight over Bolt, one transaction per event, by as many sessions
 * as there are emitters (no HTTP, no validation, no audit). One Neo4j, rounds alternating between
 * the sides (ABC CBA …) at 1 and at 8 emitters, so the machine's load falls on each alike; medians
 * of rounds, with the load average they ran under.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { enableTcpNoDelayForBolt } from '../server/src/neo4j/tcp-nodelay';
import { loadRegistry } from '../server/src/graph';
import { contentHash } from '../server/src/ingest/engine';
import { claimRows, graphStatements } from '../server/src/openlineage/openlineage.service';
import { validateEvent } from '../server/src/openlineage/openlineage.validate';
import { dagEvents, drive } from './openlineage-ingest';
import { startServerProcess, type ServerProcess } from './server-process';
import { median, processCpuMs, summarize } from './stats';

export interface OpenLineageCompareOptions {
  /** A checkout of the code to compare against (its server is started from there). */
  baseline?: string;
  /** Also the raw Bolt ceiling. */
  raw: boolean;
  emitters: number[];
  rounds: number;
  perRound: number;
  /** Events sent to each side before measuring (plans, JIT, the first statistics changes). */
  warmup: number;
}

type Json = Record<string, unknown>;
type Send = (event: Json) => Promise<void>;
/** A side of the comparison: how it sends, and the server process it runs in (none for raw Bolt). */
interface Side {
  send: Send;
  server?: ServerProcess;
}

/** Write transactions of the OpenLineage labels so far, from the server's /metrics: count and seconds of work and of commit. */
async function writePhases(server: ServerProcess): Promise<{ count: number; work: number; commit: number }> {
  const text = await (await fetch(`${server.url.replace(/\/graphql$/, '')}/metrics`)).text();
  const sum = (phase: string, what: 'sum' | 'count') =>
    [...text.matchAll(new RegExp(`^ion_write_transaction_phase_seconds_${what}\\{label="openlineage[^"]*",phase="${phase}"\\} (\\S+)$`, 'gm'))].reduce(
      (total, match) => total + Number(match[1]),
      0,
    );
  return { count: sum('work', 'count'), work: sum('work', 'sum'), commit: sum('commit', 'sum') };
}

const overHttp =
  (server: ServerProcess): Send =>
  async (event) => {
    const response = await fetch(`${server.url.replace(/\/graphql$/, '')}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(event),
    });
    if (response.status !== 201) throw new Error(`answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  };

/** The service's own statements for one event, in one transaction of their own. */
function overBolt(driver: Driver): Send {
  const registry = loadRegistry();
  return async (raw) => {
    const checked = validateEvent(raw, '$');
    if ('problems' in checked) throw new Error(JSON.stringify(checked.problems));
    const accepted = [{ ...checked, hash: contentHash(checked.event) }];
    const statements = [{ name: 'openlineage/create-events' as const, params: { rows: claimRows(accepted) } }, ...graphStatements(accepted)];
    const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.executeWrite(async (tx) => {
        for (const { name, params } of statements) await tx.run(registry.get(name).text, params);
      });
    } finally {
      await session.close();
    }
  };
}

/** Runs the comparison and prints one JSON record per emitter count through `emit`. */
export async function benchOpenLineageCompare(options: OpenLineageCompareOptions, emit: (record: Json) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-olcmp-'));
  const db = await startLocalNeo4j({ dataDir, port: 0, pageCache: '512m' });
  const servers: ServerProcess[] = [];
  enableTcpNoDelayForBolt(); // as the service does: no Nagle delay between a statement's messages
  const driver = neo4j.driver(db.uri, neo4j.auth.basic('neo4j', 'local'), { disableLosslessIntegers: true });
  try {
    const current = await startServerProcess(db.uri, { AUDIT_CHAIN_ID: 'bench-current' });
    servers.push(current);
    const sides: Record<string, Side> = { current: { send: overHttp(current), server: current } };
    if (options.baseline) {
      const baseline = await startServerProcess(db.uri, { AUDIT_CHAIN_ID: 'bench-baseline' }, [], path.resolve(options.baseline));
      servers.push(baseline);
      sides.baseline = { send: overHttp(baseline), server: baseline };
    }
    if (options.raw) sides.raw = { send: overBolt(driver) };
    const names = Object.keys(sides);
    let batch = 0;
    const fresh = (count: number) => dagEvents(Math.ceil(count / 2), `cmp${batch++}`).slice(0, count);
    for (const name of names) await drive(fresh(options.warmup), 8, sides[name]!.send);

    for (const emitters of options.emitters) {
      const results: Record<string, Array<{ eventsPerSecond: number; p50: number; p95: number }>> = Object.fromEntries(names.map((n) => [n, []]));
      const loads: number[] = [];
      // CPU ms of each process per side (this process sends: the emitters, or the raw Bolt writer).
      const cpu = Object.fromEntries(names.map((n) => [n, { neo4j: 0, server: 0, emitters: 0 }]));
      const phasesBefore = await writePhases(current);
      for (let round = 0; round < options.rounds; round++) {
        // ABC then CBA: each side runs as often early as late.
        for (const name of round % 2 === 0 ? names : [...names].reverse()) {
          const side = sides[name]!;
          const before = { neo4j: processCpuMs(db.pid), server: side.server ? processCpuMs(side.server.pid) : 0, emitters: process.cpuUsage() };
          const run = await drive(fresh(options.perRound), emitters, side.send);
          cpu[name]!.neo4j += processCpuMs(db.pid) - before.neo4j;
          cpu[name]!.server += side.server ? processCpuMs(side.server.pid) - before.server : 0;
          const used = process.cpuUsage(before.emitters);
          cpu[name]!.emitters += (used.user + used.system) / 1000;
          const latency = summarize(run.latencies);
          results[name]!.push({ eventsPerSecond: options.perRound / run.seconds, p50: latency.p50, p95: latency.p95 });
          loads.push(os.loadavg()[0]!);
        }
      }
      const figures = Object.fromEntries(
        names.map((name) => [
          name,
          {
            eventsPerSecond: Math.round(median(results[name]!.map((r) => r.eventsPerSecond))),
            p50: median(results[name]!.map((r) => r.p50)),
            p95: median(results[name]!.map((r) => r.p95)),
          },
        ]),
      );
      const phasesAfter = await writePhases(current);
      const events = options.rounds * options.perRound;
      const perEvent = (ms: number) => Math.round((ms / events) * 100) / 100;
      const cpuMsPerEvent = Object.fromEntries(
        names.map((name) => {
          const { neo4j: db, server, emitters: sent } = cpu[name]!;
          const total = db + server + sent;
          // On this machine's cores, no side can exceed cores / (CPU per event) events per second.
          return [
            name,
            {
              neo4j: perEvent(db),
              server: perEvent(server),
              emitters: perEvent(sent),
              total: perEvent(total),
              ceiling: Math.round((os.cpus().length * 1000 * events) / total),
            },
          ];
        }),
      );
      const groups = phasesAfter.count - phasesBefore.count;
      emit({
        bench: 'openlineage-compare',
        emitters,
        rounds: options.rounds,
        perRound: options.perRound,
        ...figures,
        cpuMsPerEvent,
        currentTransactions: {
          count: groups,
          eventsEach: Math.round((events / groups) * 10) / 10,
          workMs: Math.round(((phasesAfter.work - phasesBefore.work) / groups) * 10000) / 10,
          commitMs: Math.round(((phasesAfter.commit - phasesBefore.commit) / groups) * 10000) / 10,
        },
        loadAverage: Math.round(median(loads) * 10) / 10,
        what: `single events, ${emitters} emitter(s): this checkout${options.baseline ? ' vs the baseline checkout' : ''}${options.raw ? ' vs the same writes over Bolt (one transaction per event, no audit)' : ''}; rounds alternating on one Neo4j; medians`,
      });
    }
  } finally {
    await driver.close();
    for (const server of servers) await server.stop();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
