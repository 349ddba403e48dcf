/**
 * The monitoring page in a real browser against the real server and a small demo with its
 * planted drift: the drifted feature opens first, the table shows each window's PSI as the API
 * gives it, the alerts are marked, the metric chart draws the threshold and the alert dots, the
 * baseline and window histograms are drawn side by side, and a prediction made during the
 * drift links into why. Screenshot in test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { launchChromium } from '../support/chromium';
import { buildInstrumentedUi, INSTRUMENTED_DIST } from '../support/web-build';
import { startTestServer, type TestServer } from '../support/server';

const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

let server: TestServer;
let browser: Browser;
let page: Page;
let scenario: DemoScenario;

interface ApiWindow {
  id: string;
  feature: string;
  psi: number | null;
  drifted: boolean;
}

beforeAll(async () => {
  await buildInstrumentedUi();
  server = await startTestServer({ wipe: true, webDist: INSTRUMENTED_DIST });
  scenario = generateScenario({ seed: 42, predictions: 2_000 });
  await loadScenario(server.graph.services.ingest, scenario, { baselines: server.graph.services.drift });
  await server.graph.services.drift.setPolicy({
    ionId: scenario.truth.drift.ionId,
    minCount: 50,
    features: [scenario.truth.drift.feature, scenario.truth.drift.quietFeature],
  });
  await server.graph.services.drift.evaluate(scenario.truth.drift.ionId);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(30_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('monitoring page', () => {
  it('shows the planted drift with the values the API gives, and links into why', async () => {
    const { ionId, feature } = scenario.truth.drift;
    const api = await server.gql<{ driftSeries: ApiWindow[] }>(
      `query($ionId: String!, $feature: String) { driftSeries(ionId: $ionId, feature: $feature, limit: 5000) { id feature psi drifted } }`,
      {
        ionId,
        feature,
      },
    );
    const windows = api.body.data!.driftSeries;
    expect(windows.filter((w) => w.drifted).length).toBeGreaterThan(0);

    // An investigator: reads monitoring and may follow a prediction into why.
    const token = await server.token(Role.INVESTIGATOR);
    await page.goto(`${server.url}/monitoring/${encodeURIComponent(ionId)}#token=${token}`);
    await page.waitForSelector('[data-testid=drift-table] tbody tr');
    expect(await page.locator('[data-testid=drift-feature]').textContent()).toBe(feature);

    const rows = page.locator('[data-testid=drift-table] tbody tr');
    expect(await rows.count()).toBe(windows.length);
    for (const w of windows) {
      const row = page.locator(`[data-testid=drift-table] tbody tr[data-window="${w.id}"]`);
      expect(await row.locator('td.psi').textContent()).toBe(w.psi === null ? '—' : w.psi.toFixed(3));
      expect(await row.getAttribute('class')).toBe(w.drifted ? 'drifted' : '');
    }
    // The chart: one dot per alert, and the dashed threshold rule.
    const chart = page.locator('[data-testid=drift-metric-chart]');
    expect(await chart.locator('svg').count()).toBeGreaterThanOrEqual(1);
    expect(await chart.locator('circle').count()).toBe(windows.filter((w) => w.drifted).length);
    expect(await chart.locator('[stroke-dasharray]').count()).toBeGreaterThan(0);
    // The histograms of the most drifted window: two bars per bin.
    const bars = page.locator('[data-testid=drift-histograms] svg rect');
    expect(await bars.count()).toBeGreaterThanOrEqual(10);
    await page.screenshot({ path: path.join(ARTIFACTS, 'ui-monitoring.png'), fullPage: true });

    await page.locator('a.drift-prediction').first().click();
    await page.waitForSelector('[data-testid=why-answer]');
    expect(new URL(page.url()).pathname).toMatch(/^\/why\/pred-/);
  });
});
