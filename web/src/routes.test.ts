import { describe, expect, it } from 'vitest';
import { href, hrefFor, parseRoute } from './routes';

describe('routes', () => {
  it('parses every view, with ids that need encoding', () => {
    expect(parseRoute('/', '')).toEqual({ view: 'home' });
    expect(parseRoute('/search', '?q=patient-000001')).toEqual({ view: 'search', q: 'patient-000001' });
    expect(parseRoute(href.why('pred 1/ctl'), '')).toEqual({ view: 'why', predictionId: 'pred 1/ctl' });
    expect(parseRoute('/why', '?subject=patient-1&at=2026-03-09T23:36:00Z')).toEqual({
      view: 'why-subject',
      subjectKey: 'patient-1',
      at: '2026-03-09T23:36:00Z',
    });
    expect(parseRoute(href.lineage('run:1'), '?depth=2')).toEqual({ view: 'lineage', nodeId: 'run:1' });
    expect(parseRoute(href.modelVersion('mv-1'), '')).toEqual({ view: 'model-version', id: 'mv-1' });
    expect(parseRoute(href.ion('ion-ct-triage'), '')).toEqual({ view: 'ion', id: 'ion-ct-triage' });
    expect(parseRoute('/why', '')).toEqual({ view: 'not-found', path: '/why' });
    expect(parseRoute('/nope/x', '')).toEqual({ view: 'not-found', path: '/nope/x' });
  });

  it('opens each kind in its own view', () => {
    expect(hrefFor('Prediction', 'p1')).toBe('/why/p1');
    expect(hrefFor('ModelVersion', 'mv1')).toBe('/model-version/mv1');
    expect(hrefFor('ION', 'i1')).toBe('/ion/i1');
    expect(hrefFor('Dataset', 'ds 1')).toBe('/lineage/ds%201');
  });
});
