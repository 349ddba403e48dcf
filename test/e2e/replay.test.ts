/**
 * Replay in a real browser (Debian's Chromium) against the real server, the demo scenario and
 * its ONNX artifacts: the why view's Replay button shows recorded vs replayed per model and the
 * verdict, the what-if picker runs another ensemble version, and a run's lineage view replays
 * the whole run and lists the planted mis-logged prediction. Screenshots go to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { launchChromium } from '../support/chromium';
import { startReplayDemo, type ReplayDemo } from '../support/replay-demo';
import { buildInstrumentedUi, INSTRUMENTED_DIST } from '../support/web-build';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

let demo: ReplayDemo;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await buildInstrumentedUi();
  demo = await startReplayDemo({ seed: 42, predictions: 1_000, webDist: INSTRUMENTED_DIST });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${demo.server.url}/#token=${await demo.server.token(Role.INVESTIGATOR)}`);
  await page.waitForSelector('[data-testid=account]:has-text("INVESTIGATOR")');
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('replay in the UI', () => {
  it('replays a prediction from its why view and answers a what-if', async () => {
    const expected = demo.scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    await page.goto(`${demo.server.url}/why/${encodeURIComponent(expected.predictionId)}`);
    // The why answer comes first (the panel sits under it); on a busy machine it can take a while.
    await page.waitForSelector('[data-testid=replay-button]', { timeout: 90_000 });
    await page.click('[data-testid=replay-button]');
    await page.waitForSelector('[data-testid=replay-summary]:has-text("REPRODUCED")');
    const rows = await page.locator('[data-testid=replay-rows] tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1 + expected.ensembleMembers.length);
    expect(rows[0]).toContain(expected.modelVersionIds[0]!);
    expect(rows[0]).toContain(expected.output);
    await page.selectOption('[data-testid=whatif-picker]', 'mv-ct-ensemble-v4');
    await page.waitForSelector('[data-testid=whatif-answer]:has-text("would have")');
    expect(await page.locator('[data-testid=whatif-rows] tbody tr').count()).toBe(4);
    await page.locator('[data-testid=replay-panel]').screenshot({ path: path.join(ARTIFACTS, 'replay-why.png') });
  });

  it('replays a whole run from its lineage view and lists the differing prediction', async () => {
    const id = demo.scenario.truth.replay.misloggedPredictionId!;
    const [row] = await demo.server.graph.services.executor.run<{ runId: string }>('replay/prediction', { predictionId: id });
    await page.goto(`${demo.server.url}/lineage/${encodeURIComponent(row!.runId)}`);
    await page.click('[data-testid=run-replay-button]');
    await page.waitForSelector('[data-testid=run-replay-result]:has-text("DONE")');
    const text = await page.locator('[data-testid=run-replay-result]').innerText();
    expect(text).toContain('differs 1');
    expect(await page.locator(`[data-testid=run-replay-result] a:has-text("${id}")`).count()).toBe(1);
    await page.locator('[data-testid=run-replay]').screenshot({ path: path.join(ARTIFACTS, 'replay-run.png') });
  });
});
