/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against the real
 * server and the demo scenario (1,000 requests): sign in with a token, search a seeded patient,
 * read the why answer and graph, expand a node in the explorer, page an aggregate, show a run's
 * stages inside it, highlight a path, export SVG, open the governance and ION pages, and see a
 * visible message when the API or the database cannot be reached or the role may not see a
 * view. Screenshots go to test-artifacts/.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Core } from 'cytoscape';
import { XMLParser } from 'fast-xml-parser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { openGraph } from '../../server/src/graph';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario, SamplePrediction } from '../../seed/src/scenario/types';
import { buildInstrumentedUi, INSTRUMENTED_DIST } from '../support/web-build';
import { startTestServer, type TestServer } from '../support/server';

declare global {
  interface Window {
    /** Set by web/src/test-hooks.ts, in the instrumented build only. */
    __cy?: Core;
    __graphDrawn?: { at: number; layoutMs: number; elements: number };
  }
}

const REQUESTS = 1_000;
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const UI_WAIT = 30_000;

let server: TestServer;
let browser: Browser;
let page: Page;
let scenario: DemoScenario;
let sample: SamplePrediction;
/** Explains predictions and sees subject keys in clear. */
let investigatorToken: string;

/** A fresh browser profile (no stored token) with the test viewport. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const fresh = await context.newPage();
  fresh.setDefaultTimeout(UI_WAIT);
  return { context, page: fresh };
}

/** `ct-ensemble 2.0.0`: how the UI names a model version (the stored name). */
function versionName(id: string): string {
  const mv = scenario.base.modelVersions.find((v) => v.id === id)!;
  return `${scenario.base.models.find((m) => m.id === mv.modelId)!.name} ${mv.version}`;
}

/** The reviewer whose decision on the version was in force at prediction time. */
function reviewerInForce(): string {
  const { expected } = sample;
  const decision = expected.approvals
    .filter((a) => a.modelVersionId === expected.modelVersionIds[0] && Date.parse(a.at) <= Date.parse(expected.at))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .at(-1)!;
  expect(decision.decision).toBe('APPROVED');
  return scenario.base.principals.find((p) => p.id === decision.principalId)!.name;
}

/** Node types, node count and edge count of the graph on the page (CytoscapeGraph sets window.__cy). */
function graphState(): Promise<{ types: string[]; nodes: number; edges: number }> {
  return page.evaluate(() => {
    const cy = window.__cy;
    if (!cy) return { types: [], nodes: 0, edges: 0 };
    return { types: [...new Set(cy.nodes().map((n) => n.data('type') as string))].sort(), nodes: cy.nodes().length, edges: cy.edges().length };
  });
}

/**
 * Taps a node as a click would (canvas clicks need positions; the tap event is what the UI
 * listens to). Returns nothing on purpose: serializing the collection `emit` returns walks the
 * whole Cytoscape instance and takes seconds.
 */
async function tapNode(id: string): Promise<void> {
  await page.evaluate((nodeId) => {
    window.__cy?.getElementById(nodeId).emit('tap');
  }, id);
}

async function waitForNodes(min: number): Promise<void> {
  await page.waitForFunction((n) => (window.__cy?.nodes().length ?? 0) >= n, min, { timeout: UI_WAIT });
}

const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `ui-${name}.png`), fullPage: true });

beforeAll(async () => {
  // Chromium starts while the UI builds and the scenario loads.
  const starting = launchChromium();
  try {
    // Build the UI before the app starts: createApp serves it only if it exists then. The
    // instrumented build: the production one has no window.__cy for these tests to read.
    await buildInstrumentedUi();
    server = await startTestServer({ wipe: true, webDist: INSTRUMENTED_DIST });
    scenario = generateScenario({ seed: 42, predictions: REQUESTS });
    await loadScenario(server.graph.services.ingest, scenario);
  } finally {
    // Held even when the load failed, so that afterAll closes it.
    browser = await starting;
  }
  // A three-member ensemble whose control pipeline disagreed: the answer has the most to say.
  sample = scenario.truth.samples.find((s) => s.label === 'control-differs')!;
  expect(sample.expected.ensembleMembers).toHaveLength(3);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  investigatorToken = await server.token(Role.INVESTIGATOR);
  ({ page } = await freshPage());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('web UI', () => {
  it('finds a seeded patient and explains the prediction in plain words, with its graph', async () => {
    const { expected } = sample;
    // A #token= link signs in; the token then leaves the address bar and stays in storage.
    await page.goto(`${server.url}/#token=${investigatorToken}`);
    await page.waitForSelector('[data-testid=account]:has-text("INVESTIGATOR")');
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => Object.values(window.localStorage))).toContain(investigatorToken);
    // The home page offers subjects of the newest decisions from the loaded data, in clear for a cleared role.
    const offered = page.locator('[data-testid=recent-subjects] a').first();
    const offeredKey = (await offered.textContent()) ?? '';
    expect(offeredKey).toMatch(/^patient-\d+$/);
    await offered.click();
    await page.waitForSelector(`h2:has-text("Predictions for ${offeredKey}")`);
    await page.fill('#search-input', expected.subjectKey);
    await page.press('#search-input', 'Enter');
    // The offered subject's list is still on the page until the searched subject's replaces it.
    await page.waitForSelector(`h2:has-text("Predictions for ${expected.subjectKey}")`);
    await page.waitForSelector('[data-testid=subject-predictions] li');
    const link = page.locator(`[data-testid=subject-predictions] a:has(code:text-is("${expected.predictionId}"))`);
    // The newest requests come first; the subject's later visits may push this one past the first page.
    if ((await link.count()) === 0) await page.click('button:has-text("Show older predictions")');
    // The control pipeline's prediction of the same request is labelled; the primary is not.
    const item = (id: string) => page.locator(`[data-testid=subject-predictions] li > span:has(code:text-is("${id}"))`);
    expect(await item(expected.controlPredictionId).locator('.badge.control').count()).toBe(1);
    expect(await item(expected.predictionId).locator('.badge.control').count()).toBe(0);
    await shot('search');
    await link.click();

    const answer = await page.locator('[data-testid=why-answer]').textContent();
    expect(new URL(page.url()).pathname).toBe(`/why/${encodeURIComponent(expected.predictionId)}`);
    expect(answer).toContain(`${expected.output} recommended for ${expected.subjectKey}`);
    for (const id of expected.modelVersionIds) expect(answer).toContain(versionName(id));
    for (const member of expected.ensembleMembers) expect(answer).toContain(versionName(member.modelVersionId));
    expect(answer).toContain(`approved by ${reviewerInForce()}`);
    expect(answer).toContain(
      expected.controlDiffers ? `control pipeline said ${expected.controlOutput} (differs)` : `control pipeline agreed (${expected.controlOutput})`,
    );

    await waitForNodes(10);
    const { types } = await graphState();
    expect(types).toEqual(
      expect.arrayContaining([
        'Prediction',
        'Run',
        'ModelVersion',
        'Model',
        'Approval',
        'Principal',
        'Dataset',
        'DatasetVersion',
        'Feature',
        'Deployment',
        'ION',
        'PipelineNode',
      ]),
    );

    // Selecting a node puts it in the URL and shows all its properties.
    const approvalId = expected.approvals[0]!.approvalId;
    await tapNode(approvalId);
    await page.waitForSelector('[data-testid=details] pre.json');
    expect(await page.locator('[data-testid=details] pre.json').textContent()).toContain('"decision"');
    expect(new URL(page.url()).searchParams.get('node')).toBe(approvalId);
    await shot('why');
  });

  it('expands a node in the explorer and pages an aggregate', async () => {
    const { expected } = sample;
    await page.goto(`${server.url}/lineage/${encodeURIComponent(expected.predictionId)}`);
    await waitForNodes(2);
    await page.waitForSelector('[data-testid=element-count]:has-text("nodes")');
    const before = await graphState();

    const ensembleId = expected.modelVersionIds[0]!;
    await tapNode(ensembleId);
    await page.click('button:has-text("Expand causes")');
    await page.waitForFunction((n) => (window.__cy?.nodes().length ?? 0) > n, before.nodes, { timeout: UI_WAIT });
    const expanded = await graphState();
    expect(expanded.nodes + expanded.edges).toBeGreaterThan(before.nodes + before.edges);
    for (const member of expected.ensembleMembers)
      expect(await page.evaluate((id) => window.__cy?.getElementById(id).nonempty(), member.modelVersionId)).toBe(true);
    expect(new URL(page.url()).searchParams.getAll('op')).toEqual([`+U:${ensembleId}`]);

    // The ensemble's predictions come back as one aggregate node; "Show more" draws 25 of them.
    await tapNode(ensembleId);
    await page.click('button:has-text("Expand effects")');
    const aggregateId = await page.waitForFunction(() => window.__cy?.nodes('[type = "Aggregate"]').map((n) => n.id())[0], undefined, { timeout: UI_WAIT });
    const aggregate = (await aggregateId.jsonValue())!;
    const withAggregate = await graphState();
    await tapNode(aggregate);
    await page.click('button:has-text("more")');
    await page.waitForFunction((n) => (window.__cy?.nodes().length ?? 0) >= n + 25, withAggregate.nodes, { timeout: UI_WAIT });
    // The DAG layout puts the 25 members in a grid beside the ensemble, not in one tall column.
    await page.waitForFunction(() => window.__graphDrawn?.elements === window.__cy?.elements().length, undefined, { timeout: UI_WAIT });
    const grid = await page.evaluate(() => {
      const members = window.__cy!.nodes('[group]');
      const xs = members.map((n) => Math.round(n.position('x')));
      const ys = members.map((n) => Math.round(n.position('y')));
      return { count: members.length, columns: new Set(xs).size, rows: new Set(ys).size, cells: new Set(xs.map((x, i) => `${x}:${ys[i]}`)).size };
    });
    expect(grid.count).toBe(25);
    expect(grid.columns).toBeGreaterThan(1);
    expect(grid.rows).toBeLessThan(25);
    expect(grid.cells).toBe(25);
    await shot('explorer');

    // Hiding a type keeps the root; the compact layout and the filter land in the URL.
    const paged = await graphState();
    await page.getByLabel('Approval', { exact: true }).uncheck();
    await page.selectOption('label:has-text("Layout") select', 'compact');
    await page.waitForFunction((n) => (window.__cy?.nodes().length ?? 0) < n, paged.nodes, { timeout: UI_WAIT });
    expect((await graphState()).types).not.toContain('Approval');
    const url = new URL(page.url());
    expect([url.searchParams.get('hide'), url.searchParams.get('layout')]).toEqual(['Approval', 'compact']);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export PNG")')]);
    expect(download.suggestedFilename()).toMatch(/^lineage-.+\.png$/);
    await download.saveAs(path.join(ARTIFACTS, 'ui-explorer-export.png'));
  });

  it('shows the governance page of the ensemble version', async () => {
    const ensembleId = sample.expected.modelVersionIds[0]!;
    await page.goto(`${server.url}/why/${encodeURIComponent(sample.expected.predictionId)}`);
    await page.click(`.models a:text-is("${versionName(ensembleId)}")`);
    await page.waitForSelector('[data-testid=decisions]');
    expect(new URL(page.url()).pathname).toBe(`/model-version/${encodeURIComponent(ensembleId)}`);
    expect(await page.locator('h1').textContent()).toContain(versionName(ensembleId));
    expect(await page.locator('[data-testid=decisions]').textContent()).toContain(reviewerInForce());
    expect(await page.locator('text=Usage periods').count()).toBe(1);
    await shot('governance');
  });

  it('explains by subject and time, and shows the ION with its timeline', async () => {
    const { expected } = sample;
    await page.goto(`${server.url}/why?subject=${encodeURIComponent(expected.subjectKey)}&at=${encodeURIComponent(expected.at)}`);
    expect(await page.locator('[data-testid=why-answer]').textContent()).toContain(`recommended for ${expected.subjectKey}`);
    expect(await page.locator(`code:text-is("${expected.predictionId}")`).count()).toBeGreaterThan(0);

    const ion = scenario.base.ions[0]!;
    await page.goto(`${server.url}/ion/${encodeURIComponent(ion.id)}`);
    await page.waitForSelector('[data-testid=timeline]');
    await waitForNodes(scenario.truth.counts.pipelineNodes);
    expect((await graphState()).types).toEqual(['PipelineNode']);
    await shot('ion');
  });

  it('labels a control prediction in the why view', async () => {
    const { expected } = sample;
    await page.goto(`${server.url}/why/${encodeURIComponent(expected.controlPredictionId)}`);
    await page.waitForSelector('[data-testid=why-answer]');
    expect(await page.locator('[data-testid=control-label]').textContent()).toBe('control prediction');
    await waitForNodes(5);
    expect(await page.evaluate((id) => window.__cy?.getElementById(id).data('label') as string, expected.controlPredictionId)).toMatch(/\(control\)$/);
    await page.goto(`${server.url}/why/${encodeURIComponent(expected.predictionId)}`);
    await page.waitForSelector('[data-testid=why-answer]');
    expect(await page.locator('[data-testid=control-label]').count()).toBe(0);
    await waitForNodes(5);
    expect(await page.evaluate((id) => window.__cy?.getElementById(id).hasClass('control'), expected.controlPredictionId)).toBe(true);
  });

  it("draws a run's stage DAG inside the run as a compound node", async () => {
    const stagesOf = (runId: string) => scenario.base.stages.filter((stage) => stage.runId === runId);
    const runId = sample.expected.trainingRunIds.find((id) => stagesOf(id).length > 1)!;
    expect(runId).toBeDefined();
    await page.goto(`${server.url}/lineage/${encodeURIComponent(runId)}?sel=${encodeURIComponent(runId)}`);
    await waitForNodes(2);
    await page.click('button:has-text("Show stages")');
    await page.waitForFunction((id) => window.__cy?.getElementById(id).isParent() === true, runId, { timeout: UI_WAIT });
    const drawn = await page.evaluate((id) => {
      const run = window.__cy!.getElementById(id);
      const children = run.children();
      return {
        children: children.map((n) => n.id()).sort(),
        parents: [...new Set(children.map((n) => n.data('parent') as string))],
        feeds: children.connectedEdges('[type = "FEEDS"]').length,
        visibleEdgesToChildren: children.connectedEdges('[type = "HAS_STAGE"]').length,
      };
    }, runId);
    expect(drawn.children).toEqual(
      stagesOf(runId)
        .map((stage) => stage.id)
        .sort(),
    );
    expect(drawn.parents).toEqual([runId]);
    expect(drawn.feeds).toBe(stagesOf(runId).reduce((n, stage) => n + (stage.feedsStageIds?.length ?? 0), 0));
    expect(drawn.visibleEdgesToChildren).toBe(0);
    expect(new URL(page.url()).searchParams.getAll('op')).toEqual([`S:${runId}`]);
    await shot('explorer-stages');

    await page.click('button:has-text("Hide stages")');
    await page.waitForFunction((id) => window.__cy?.getElementById(id).isParent() === false, runId, { timeout: UI_WAIT });
  });

  it('highlights the shortest path between two nodes and exports the drawing as SVG', async () => {
    const { expected } = sample;
    const ensembleId = expected.modelVersionIds[0]!;
    const params = new URLSearchParams({ depth: '2', from: expected.predictionId, to: ensembleId });
    await page.goto(`${server.url}/lineage/${encodeURIComponent(expected.predictionId)}?${params}`);
    await page.waitForSelector('[data-testid=path-status]:has-text("Path:")');
    const highlighted = await page.evaluate(() => {
      const cy = window.__cy!;
      return { nodes: cy.nodes('.path').map((n) => n.id()), edges: cy.edges('.path').length };
    });
    const hops = Number(/Path: (\d+) hop/.exec((await page.locator('[data-testid=path-status]').textContent())!)![1]);
    expect(hops).toBeGreaterThan(0);
    expect(highlighted.edges).toBe(hops);
    expect(highlighted.nodes).toHaveLength(hops + 1);
    expect(highlighted.nodes).toEqual(expect.arrayContaining([expected.predictionId, ensembleId]));
    await shot('explorer-path');

    const drawn = await page.evaluate(() => ({ nodes: window.__cy!.nodes().length, edges: window.__cy!.edges(':not(.layout-only)').length }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Export SVG")')]);
    expect(download.suggestedFilename()).toMatch(/^lineage-.+\.svg$/);
    const file = path.join(ARTIFACTS, 'ui-explorer-export.svg');
    await download.saveAs(file);
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['g', 'line', 'text'].includes(name) }).parse(fs.readFileSync(file, 'utf8')) as {
      svg: { '@_viewBox': string; g: Array<{ text: Array<{ '#text'?: string | number }> }>; line?: Array<{ '@_stroke-width': string }> };
    };
    expect(parsed.svg['@_viewBox'].split(' ').map(Number).every(Number.isFinite)).toBe(true);
    expect(parsed.svg.g).toHaveLength(drawn.nodes);
    expect(parsed.svg.line ?? []).toHaveLength(drawn.edges);
    // Path edges are drawn emphasised; every node keeps a label.
    expect((parsed.svg.line ?? []).filter((line) => line['@_stroke-width'] === '3')).toHaveLength(hops);
    expect(parsed.svg.g.every((g) => String(g.text[0]?.['#text'] ?? '').length > 0)).toBe(true);
  });

  it('redraws the ION as it stood at an earlier time with the as-of slider', async () => {
    const ion = scenario.base.ions[0]!;
    await page.goto(`${server.url}/ion/${encodeURIComponent(ion.id)}`);
    await page.waitForSelector('[data-testid=timeline]');
    await waitForNodes(scenario.truth.counts.pipelineNodes);
    const ticks = () => page.locator('[data-testid=timeline] .tick').count();
    const now = { ticks: await ticks(), idle: await page.evaluate(() => window.__cy!.nodes('.idle').length) };
    expect(await page.locator('[data-testid=as-of]').textContent()).toBe('now (everything)');
    expect(now.idle).toBe(0);

    // A tenth of the way along the span: fewer events, and nodes that had not run yet are idle.
    await page.locator('input[type=range]').fill('100');
    await page.waitForFunction(() => new URL(window.location.href).searchParams.has('asOf'), undefined, { timeout: UI_WAIT });
    const asOf = Date.parse(new URL(page.url()).searchParams.get('asOf')!);
    expect(Number.isFinite(asOf)).toBe(true);
    expect(await page.locator('[data-testid=as-of]').textContent()).not.toBe('now (everything)');
    await page.waitForFunction(() => (window.__cy?.nodes('.idle').length ?? 0) > 0, undefined, { timeout: UI_WAIT });
    expect(await ticks()).toBeLessThan(now.ticks);
    await shot('ion-as-of');

    await page.click('button:has-text("Now")');
    await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('asOf'), undefined, { timeout: UI_WAIT });
    expect(await ticks()).toBe(now.ticks);
  });

  it('says so when the server cannot be reached', async () => {
    await page.route('**/graphql', (route) => route.abort());
    try {
      await page.goto(`${server.url}/why/${encodeURIComponent(sample.expected.predictionId)}`);
      const error = await page.locator('[data-testid=error]').textContent();
      expect(error).toContain('The server cannot be reached');
      await shot('server-down');
    } finally {
      await page.unroute('**/graphql');
    }
  });

  it('shows tags as chips in search results and in the node details', async () => {
    const tagged = await server.gql(`mutation { ingestDataset(item: {id: "ds-ui-tags", name: "ui tagged labs", classification: INTERNAL,
      tags: [{key: "team", value: "risk"}, {key: "tier", value: "gold"}]}) { created } }`);
    expect(tagged.body.errors).toBeUndefined();
    // Signed in on its own, so the test also runs alone.
    await page.goto(`${server.url}/#token=${investigatorToken}`);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('team:risk')}`);
    const chips = page.locator('[data-testid=search-results] li:has-text("ui tagged labs") [data-testid=tags] .badge');
    await chips.first().waitFor({ timeout: UI_WAIT });
    expect(await chips.allTextContents()).toEqual(['team=risk', 'tier=gold']);
    await page.goto(`${server.url}/lineage/ds-ui-tags?sel=ds-ui-tags`);
    const details = page.locator('[data-testid=details] [data-testid=tags] .badge');
    await details.first().waitFor({ timeout: UI_WAIT });
    expect(await details.allTextContents()).toEqual(['team=risk', 'tier=gold']);
    await shot('tags');
  });

  it('shows the sign-in screen without a token, signs in with a pasted one and signs out', async () => {
    const { context, page: fresh } = await freshPage();
    try {
      await fresh.goto(`${server.url}/search?q=ensemble`);
      await fresh.waitForSelector('[data-testid=sign-in]');
      expect(await fresh.locator('[data-testid=search-results]').count()).toBe(0);
      await fresh.screenshot({ path: path.join(ARTIFACTS, 'ui-sign-in.png'), fullPage: true });

      await fresh.fill('#token-input', await server.token(Role.SCIENTIST));
      await fresh.click('button:has-text("Sign in")');
      await fresh.waitForSelector('[data-testid=search-results]');
      expect(await fresh.locator('[data-testid=account]').textContent()).toContain('SCIENTIST');

      await fresh.click('button:has-text("Sign out")');
      await fresh.waitForSelector('[data-testid=sign-in]:has-text("You signed out")');
      expect(await fresh.evaluate(() => Object.keys(window.localStorage).length)).toBe(0);

      // An opaque API token carries no readable claims: the account shows what the server says (`me`).
      const created = await server.gql<{ createApiToken: { secret: string } }>(
        'mutation { createApiToken(name: "ui-auditor-token", roles: [AUDITOR]) { secret } }',
      );
      await fresh.fill('#token-input', created.body.data!.createApiToken.secret);
      await fresh.click('button:has-text("Sign in")');
      await fresh.waitForSelector('[data-testid=account]:has-text("ui-auditor-token")');
      expect(await fresh.locator('[data-testid=account]').textContent()).toContain('AUDITOR');
      await fresh.click('button:has-text("Sign out")');
      await fresh.waitForSelector('[data-testid=sign-in]');

      // A token the server refuses (401) lands back on the sign-in screen with the reason.
      await fresh.fill('#token-input', 'not-a-valid-token');
      await fresh.click('button:has-text("Sign in")');
      await fresh.waitForSelector('[data-testid=sign-in]:has-text("did not accept your token")');
    } finally {
      await context.close();
    }
  });

  it('tells a scientist that explaining predictions is not permitted, and shows subject keys masked', async () => {
    const { expected } = sample;
    const { context, page: scientist } = await freshPage();
    try {
      await scientist.goto(`${server.url}/why/${encodeURIComponent(expected.predictionId)}#token=${await server.token(Role.SCIENTIST)}`);
      const message = await scientist.locator('[data-testid=forbidden]').textContent();
      expect(message).toContain('Not permitted');
      expect(message).toContain('SCIENTIST');
      await scientist.screenshot({ path: path.join(ARTIFACTS, 'ui-forbidden.png'), fullPage: true });

      // The explorer is open to scientists, with the subject key of the prediction masked.
      await scientist.goto(`${server.url}/lineage/${encodeURIComponent(expected.predictionId)}?sel=${encodeURIComponent(expected.predictionId)}`);
      const details = await scientist.locator('[data-testid=details] pre.json').textContent();
      expect(details).toContain('"subjectKey": "masked:');
      expect(details).not.toContain(expected.subjectKey);
      expect(details).toContain('masked:withheld');

      // A clear subject key matches nothing for a scientist, and the page says why.
      await scientist.goto(`${server.url}/search?q=${encodeURIComponent(expected.subjectKey)}`);
      await scientist.waitForSelector('[data-testid=subject-keys-not-searched]');
      expect(await scientist.locator('[data-testid=subject-predictions]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('shows a visible message, not a blank page, when the database is down', async () => {
    // The real app, its graph driver pointing at a port where nothing listens.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // A short retry window: the page must say the database is down, not wait out the driver's 30 s
    // (half a second: a refused connection stays refused, so a longer wait adds only time).
    const graph = openGraph({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: 'unused' }, server.graph.registry, {
      retryTimeMs: 500,
      auditCheckpointFile: null,
    });
    const logger = pino({ level: 'silent' });
    // The same UI build as the main test server: a fresh clone has no production build in web/dist.
    const { app, apollo } = await createApp({
      services: graph.services,
      driver: graph.driver,
      logger,
      isReady: () => true,
      auth: { jwt: server.jwt },
      webDist: INSTRUMENTED_DIST,
    });
    const down = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => down.once('listening', resolve));
    const url = `http://127.0.0.1:${(down.address() as net.AddressInfo).port}`;
    try {
      await page.goto(`${url}/why/${encodeURIComponent(sample.expected.predictionId)}#token=${investigatorToken}`);
      const error = await page.locator('[data-testid=error]').textContent({ timeout: 60_000 });
      expect(error).toContain('The graph database (Neo4j) is unavailable');
      expect(await page.locator('button:has-text("Retry")').count()).toBe(1);
      await shot('neo4j-down');
    } finally {
      down.closeAllConnections();
      await new Promise<void>((resolve) => down.close(() => resolve()));
      await apollo.stop();
      await graph.close();
    }
  });
});
