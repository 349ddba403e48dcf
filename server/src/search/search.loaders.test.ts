import { describe, expect, it } from 'vitest';
import type { Params, QueryRunner, Row } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { createProvenanceLoaders, provenanceLoaders } from './search.loaders';

/** A runner that records calls and answers from fixed rows, in an order unlike the request's. */
function fakeRunner(rows: Record<string, Row[]>) {
  const calls: Array<{ name: QueryName; params: Params }> = [];
  const runner: QueryRunner = {
    run: async <T extends Row>(name: QueryName, params: Params = {}) => {
      calls.push({ name, params });
      return (rows[name] ?? []) as T[];
    },
  };
  return { runner, calls };
}

describe('provenance loaders', () => {
  it('batch the fields of a page into one UNWIND query each, in request order, missing ids as defaults', async () => {
    const { runner, calls } = fakeRunner({
      'search/prediction-counts': [
        { id: 'b', count: 2 },
        { id: 'a', count: 1 },
      ],
      'search/feature-usage': [{ id: 'f2', datasets: [{ id: 'd', name: 'd', classification: 'PII' }], modelVersionCount: 3 }],
    });
    const loaders = createProvenanceLoaders(runner);
    const [counts, usage] = await Promise.all([
      Promise.all(['a', 'b', 'zzz'].map((id) => loaders.predictionCount.load(id))),
      Promise.all(['f1', 'f2'].map((id) => loaders.featureUsage.load(id))),
    ]);
    expect(counts).toEqual([1, 2, 0]);
    expect(usage).toEqual([null, { datasets: [{ id: 'd', name: 'd', classification: 'PII' }], modelVersionCount: 3 }]);
    expect(calls.map((call) => [call.name, call.params.ids])).toEqual([
      ['search/prediction-counts', ['a', 'b', 'zzz']],
      ['search/feature-usage', ['f1', 'f2']],
    ]);
  });

  it('parse stored metrics of model version summaries', async () => {
    const { runner } = fakeRunner({ 'search/model-version-summaries': [{ id: 'mv', metrics: '{"auc":0.9}', model: null }] });
    const summary = await createProvenanceLoaders(runner).modelVersionSummary.load('mv');
    expect(summary?.metrics).toEqual({ auc: 0.9 });
  });

  it("reuse the context's loaders, or make one set per context when it has none", () => {
    const { runner } = fakeRunner({});
    const given = createProvenanceLoaders(runner);
    expect(provenanceLoaders({ loaders: { provenance: given }, services: { executor: runner } })).toBe(given);
    const bare = { services: { executor: runner } };
    expect(provenanceLoaders(bare)).toBe(provenanceLoaders(bare));
    expect(provenanceLoaders(bare)).not.toBe(provenanceLoaders({ services: { executor: runner } }));
  });
});
