/**
 * `npm run bench:ui -- [--requests 500000] [--samples 9] [--elements 1000] [--seed 7] [--data DIR]`
 *
 * The web UI in headless Chromium (Debian's, through playwright-core) over a loaded graph: a
 * fresh local Neo4j, the demo scenario loaded straight through the ingest service (each request
 * gives a primary and a control prediction, so 500,000 requests = 1,000,000 predictions), the
 * real app (GraphQL + the instrumented UI build: the production build plus the window hooks it
 * reads) on a free port, then
 *   - `ui-why`: navigation start → the why graph laid out and painted, over distinct predictions;
 *   - `ui-lineage`: adding, laying out (dagre, with the aggregate grid) and painting a lineage
 *     graph of about `--elements` elements (an ensemble version with paged-in predictions),
 *     timed inside the page from the moment the graph component receives the elements.
 * Prints one JSON line per figure (medians and spread, ms). Not a test: shared machines are noisy.
 * `--data DIR` keeps the database in DIR and loads it only once per size and seed, so a second
 * run measures again without the minutes of loading.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium';
import pino from 'pino';
import { createApp } from '../server/src/app';
import { type JwtConfig, signJwt } from '../server/src/auth/jwt';
import { Role } from '../server/src/auth/roles';
import { REPO_ROOT } from '../server/src/config';
import { applyGraphSchema, openGraph } from '../server/src/graph';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';
import { summarize } from './stats';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '500000' },
    samples: { type: 'string', default: '9' },
    elements: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '7' },
    data: { type: 'string' },
  },
});
const requests = Number(values.requests);
const samples = Number(values.samples);
const targetElements = Number(values.elements);
const seed = Number(values.seed);
/** Members the explorer pages in per "Show more" (web/src/hooks/useLineageGraph.ts AGGREGATE_PAGE). */
const AGGREGATE_PAGE = 25;

declare global {
  interface Window {
    /** Set by web/src/test-hooks.ts, in the instrumented build only. */
    __cy?: import('cytoscape').Core;
    __graphDrawn?: Drawn;
  }
}

const emit = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
const log = (message: string) => process.stderr.write(`[bench:ui] ${message}\n`);

interface Drawn {
  at: number;
  layoutMs: number;
  elements: number;
}

/** Navigates and waits for a drawing of at least `minElements` elements; its timings. */
async function drawnAfter(page: Page, url: string, minElements: number): Promise<Drawn> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    (min) => {
      const drawn = window.__graphDrawn;
      return drawn && drawn.elements >= min ? drawn : null;
    },
    minElements,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as Drawn;
}

const round = (n: number) => Math.round(n * 10) / 10;

// The instrumented build (production code plus the window hooks timed here), which must exist
// before the app is created.
execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['web/build-if-stale.ts', '--instrumented'], { cwd: REPO_ROOT, stdio: 'inherit' });

const dataDir = values.data ? path.resolve(values.data) : fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-ui-'));
const loadedMarker = path.join(dataDir, `loaded-${requests}-${seed}.json`);
const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '2g' });
// The local launcher runs with auth off; the driver still sends these.
const graph = openGraph({ uri: neo4j.uri, user: 'neo4j', password: 'local' });
const browser = await launchChromium();
let server: import('node:http').Server | null = null;
try {
  await applyGraphSchema(graph);
  const scenario = generateScenario({ seed, predictions: requests });
  let load: { predictions: number; seconds: number; predictionsPerSecond: number };
  if (fs.existsSync(loadedMarker)) {
    load = JSON.parse(fs.readFileSync(loadedMarker, 'utf8')) as typeof load;
    log(`reusing ${load.predictions.toLocaleString('en')} predictions in ${dataDir}`);
  } else {
    log(`loading ${scenario.truth.counts.predictions.toLocaleString('en')} predictions (${requests.toLocaleString('en')} requests)…`);
    let shown = 0;
    load = await loadScenario(graph.services.ingest, scenario, (done, total) => {
      if (done - shown >= 100_000 || done === total) {
        shown = done;
        log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
      }
    });
    fs.writeFileSync(loadedMarker, JSON.stringify({ predictions: load.predictions, seconds: load.seconds, predictionsPerSecond: load.predictionsPerSecond }));
  }
  emit({
    bench: 'ui-load',
    requests,
    predictions: load.predictions,
    seconds: Math.round(load.seconds),
    predictionsPerSecond: Math.round(load.predictionsPerSecond),
    via: 'ingest service',
  });

  const jwt: JwtConfig = { secret: randomBytes(32), issuer: 'ion-lineage-bench' };
  const { app } = await createApp({
    services: graph.services,
    driver: graph.driver,
    logger: pino({ level: 'warn' }, pino.destination(2)),
    isReady: () => true,
    auth: { jwt },
    webDist: path.join(REPO_ROOT, 'web', 'dist-instrumented'),
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const token = await signJwt({ sub: 'bench:ui', roles: [Role.INVESTIGATOR] }, jwt);
  await page.goto(`${base}/#token=${token}`);
  await page.waitForSelector('[data-testid=account]');

  // Why view: distinct predictions spread over the whole load, one warm-up first.
  const picks = Array.from(
    { length: samples + 1 },
    (_, i) => scenario.truth.truthForPrediction(Math.floor(((i + 0.5) / (samples + 1)) * requests)).predictionId,
  );
  const why: number[] = [];
  const whyLayout: number[] = [];
  let whyElements = 0;
  for (const [i, id] of picks.entries()) {
    const drawn = await drawnAfter(page, `${base}/why/${encodeURIComponent(id)}`, 10);
    if (i === 0) continue;
    why.push(drawn.at);
    whyLayout.push(drawn.layoutMs);
    whyElements = drawn.elements;
  }
  emit({
    bench: 'ui-why',
    predictions: load.predictions,
    samples,
    elements: whyElements,
    navigationToDrawnMs: summarize(why),
    layoutAndDrawMs: summarize(whyLayout),
    target: '≤ 1500 ms navigation to drawn',
  });

  // Lineage: the ensemble version with its predictions paged in until about `targetElements` elements.
  const ensembleId = scenario.truth.samples.find((sample) => sample.label === 'ensemble')!.expected.modelVersionIds[0]!;
  const start = await drawnAfter(page, `${base}/lineage/${encodeURIComponent(ensembleId)}`, 2);
  const aggregate = await page.evaluate(() => {
    const biggest = window.__cy!.nodes('[type = "Aggregate"]').sort((a, b) => Number(b.data('count')) - Number(a.data('count')))[0];
    return biggest ? { id: biggest.id(), count: Number(biggest.data('count')) } : null;
  });
  if (!aggregate) throw new Error(`no aggregate around ${ensembleId}`);
  const pages = Math.max(1, Math.min(Math.ceil((targetElements - start.elements) / (2 * AGGREGATE_PAGE)), Math.floor(aggregate.count / AGGREGATE_PAGE) - 1));
  const params = new URLSearchParams();
  for (let i = 0; i < pages; i++) params.append('op', `P:${aggregate.id}`);
  const url = `${base}/lineage/${encodeURIComponent(ensembleId)}?${params}`;
  const layout: number[] = [];
  const total: number[] = [];
  let elements = 0;
  for (let i = 0; i <= samples; i++) {
    const drawn = await drawnAfter(page, url, start.elements + pages * AGGREGATE_PAGE);
    if (i === 0) continue;
    layout.push(drawn.layoutMs);
    total.push(drawn.at);
    elements = drawn.elements;
  }
  emit({
    bench: 'ui-lineage',
    predictions: load.predictions,
    samples,
    elements,
    pagesOfMembers: pages,
    layoutAndDrawMs: summarize(layout),
    navigationToDrawnMs: summarize(total),
    target: '≤ 2000 ms layout and draw',
  });
  emit({
    bench: 'ui-summary',
    predictions: load.predictions,
    whyMedianMs: round(summarize(why).p50),
    lineageLayoutMedianMs: round(summarize(layout).p50),
    lineageElements: elements,
  });
} finally {
  await browser.close();
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
  await graph.close();
  await neo4j.stop();
  if (!values.data) fs.rmSync(dataDir, { recursive: true, force: true });
}
