/**
 * The web UI in a real browser (Debian's Chromium through playwright-core) against the real
 * server and the demo scenario (1,000 requests): search a seeded patient, read the why answer
 * and graph, expand a node in the explorer, page an aggregate, open the governance page, and
 * see a visible message when the API cannot be reached. Screenshots go to test-artifacts/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from 'cytoscape';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario, SamplePrediction } from '../../seed/src/scenario/types';
import { startTestServer, type TestServer } from '../support/server';

declare global {
  interface Window {
    /** Set by web/src/components/CytoscapeGraph.tsx. */
    __cy?: Core;
  }
}

const REQUESTS = 1_000;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');
const UI_WAIT = 30_000;

let server: TestServer;
let browser: Browser;
let page: Page;
let scenario: DemoScenario;
let sample: SamplePrediction;

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
  // Build the UI before the app starts: createApp serves web/dist only if it exists then.
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['web/build-if-stale.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  server = await startTestServer({ wipe: true });
  scenario = generateScenario({ seed: 42, predictions: REQUESTS });
  await loadScenario(server.graph.services.ingest, scenario);
  // A three-member ensemble whose control pipeline disagreed: the answer has the most to say.
  sample = scenario.truth.samples.find((s) => s.label === 'control-differs')!;
  expect(sample.expected.ensembleMembers).toHaveLength(3);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(UI_WAIT);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('web UI', () => {
  it('finds a seeded patient and explains the prediction in plain words, with its graph', async () => {
    const { expected } = sample;
    await page.goto(`${server.url}/`);
    await page.fill('#search-input', expected.subjectKey);
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('[data-testid=subject-predictions]');
    const link = page.locator(`[data-testid=subject-predictions] a:has(code:text-is("${expected.predictionId}"))`);
    // The newest requests come first; the subject's later visits may push this one past the first page.
    if ((await link.count()) === 0) await page.click('button:has-text("Show older predictions")');
    await shot('search');
    await link.click();

    const answer = await page.locator('[data-testid=why-answer]').textContent();
    expect(new URL(page.url()).pathname).toBe(`/why/${encodeURIComponent(expected.predictionId)}`);
    expect(answer).toContain(`${expected.output} recommended for ${expected.subjectKey}`);
    for (const id of expected.modelVersionIds) expect(answer).toContain(versionName(id));
    for (const member of expected.ensembleMembers) expect(answer).toContain(versionName(member.modelVersionId));
    expect(answer).toContain(`approved by ${reviewerInForce()}`);
    expect(answer).toContain(expected.controlDiffers ? `control pipeline said ${expected.controlOutput} (differs)` : `control pipeline agreed (${expected.controlOutput})`);

    await waitForNodes(10);
    const { types } = await graphState();
    expect(types).toEqual(expect.arrayContaining(['Prediction', 'Run', 'ModelVersion', 'Model', 'Approval', 'Principal', 'Dataset', 'DatasetVersion', 'Feature', 'Deployment', 'ION', 'PipelineNode']));

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
    for (const member of expected.ensembleMembers) expect(await page.evaluate((id) => window.__cy?.getElementById(id).nonempty(), member.modelVersionId)).toBe(true);
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
});
