import { describe, expect, it } from 'vitest';
import { isRestricted, strictest } from './classification.levels';
import { combine, modelVersionSources, type RunSourceRow, through } from './classification.propagate';

const row = (id: string, classification: string | null, kind: RunSourceRow['kind'] = 'TRAINING_DATA'): RunSourceRow => ({
  kind,
  viaId: kind === 'TRAINING_DATA' ? `${id}@v1` : null,
  id,
  type: kind === 'TRAINING_DATA' ? 'Dataset' : 'Feature',
  name: id,
  classification,
});

describe('classification propagation', () => {
  it('takes the strictest level; unknown levels never win', () => {
    expect(strictest(['PUBLIC', 'PHI', 'PII'])).toBe('PHI');
    expect(strictest(['INTERNAL', null])).toBe('INTERNAL');
    expect(strictest([])).toBeNull();
  });

  it('treats PII, PHI and unknown as restricted (fail closed)', () => {
    expect(isRestricted('PII')).toBe(true);
    expect(isRestricted('PHI')).toBe(true);
    expect(isRestricted(null)).toBe(true);
    expect(isRestricted('CONFIDENTIAL')).toBe(false);
  });

  it('explains a model version by its own and its members’ training data, with paths', () => {
    const runSources = new Map([
      ['run-ens', [row('ds-public', 'PUBLIC')]],
      ['run-a', [row('ds-phi', 'PHI'), row('f-age', 'PII', 'TRAINING_FEATURE')]],
    ]);
    const sources = modelVersionSources(
      [
        { versions: ['mv-ens'], runId: 'run-ens' },
        { versions: ['mv-ens', 'mv-a'], runId: 'run-a' },
      ],
      runSources,
    );
    const c = combine('mv-ens', 'ModelVersion', sources);
    expect(c.level).toBe('PHI');
    expect(c.sources[0]).toMatchObject({ id: 'ds-phi', pathKind: 'ENSEMBLE_MEMBER/TRAINING_DATA', path: ['mv-ens', 'mv-a', 'run-a', 'ds-phi@v1', 'ds-phi'] });
    expect(c.sources.map((s) => s.level)).toEqual(['PHI', 'PII', 'PUBLIC']);
    expect(c.reason).toContain("Dataset 'ds-phi'");
    expect(c.reason).toContain('mv-ens → mv-a → run-a');
  });

  it('carries a model version’s sources to a prediction through MODEL', () => {
    const mv = combine('mv-a', 'ModelVersion', modelVersionSources([{ versions: ['mv-a'], runId: 'run-a' }], new Map([['run-a', [row('ds-pii', 'PII')]]])));
    const p = combine('pred-1', 'Prediction', through('MODEL', 'pred-1', mv.sources));
    expect(p.level).toBe('PII');
    expect(p.sources[0]!.pathKind).toBe('MODEL/TRAINING_DATA');
    expect(p.sources[0]!.path).toEqual(['pred-1', 'mv-a', 'run-a', 'ds-pii@v1', 'ds-pii']);
  });

  it('says when nothing classified is upstream, and deduplicates repeated paths', () => {
    expect(combine('pred-x', 'Prediction', []).reason).toMatch(/No classified/);
    const s = modelVersionSources([{ versions: ['mv'], runId: 'r' }], new Map([['r', [row('ds', 'PII')]]]));
    expect(combine('mv', 'ModelVersion', [...s, ...s]).sourceCount).toBe(1);
  });
});
