import type { FormEvent } from 'react';
import { SearchAllDocument } from '../api/generated';
import type { PredictionHit, SearchHit, SearchResults } from '../api/operations';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { TagChips } from '../components/TagChips';
import { formatTime } from '../format';
import { useQuery } from '../hooks/useQuery';
import { navigate, useRoute } from '../hooks/useRoute';
import { hrefFor } from '../routes';

const GROUPS: Array<{ key: Exclude<keyof SearchResults, 'subjectPredictions' | 'subjectKeysSearched'>; title: string }> = [
  { key: 'exact', title: 'Exact id' },
  { key: 'modelVersions', title: 'Model versions' },
  { key: 'models', title: 'Models' },
  { key: 'datasets', title: 'Datasets' },
  { key: 'features', title: 'Features' },
  { key: 'ions', title: 'IONs' },
  { key: 'pipelineNodes', title: 'Pipeline nodes' },
  { key: 'principals', title: 'People and services' },
  { key: 'tagged', title: 'Tagged' },
];

function HitList({ hits }: { hits: SearchHit[] }) {
  return (
    <ul className="hits">
      {hits.map((hit) => (
        <li key={`${hit.kind}:${hit.id}`}>
          <Link to={hrefFor(hit.kind, hit.id)}>{hit.name ?? hit.id}</Link> <span className="kind">{hit.kind}</span>
          {hit.name && hit.name !== hit.id && <code className="muted"> {hit.id}</code>}
          {hit.tags.length > 0 && <TagChips tags={hit.tags} />}
          {hit.description && <div className="muted small">{hit.description}</div>}
        </li>
      ))}
    </ul>
  );
}

/** Most hits per group the server gives. */
const MAX_FIRST = 50;

/** A subject's predictions grouped per request (the primary and the control prediction share one), newest first. */
function byRequest(hits: readonly PredictionHit[]): PredictionHit[][] {
  const groups = new Map<string, PredictionHit[]>();
  for (const hit of hits) groups.set(hit.requestId, [...(groups.get(hit.requestId) ?? []), hit]);
  return [...groups.values()];
}

function SubjectPredictions({ hits, more }: { hits: PredictionHit[]; more: (() => void) | null }) {
  return (
    <section className="card">
      <h2>Predictions for {hits[0]!.subjectKey}</h2>
      <ul className="hits" data-testid="subject-predictions">
        {byRequest(hits).map((group) => (
          <li key={group[0]!.requestId}>
            {formatTime(group[0]!.at)}:{' '}
            {group.map((p, i) => (
              <span key={p.id}>
                {i > 0 && ' · '}
                <Link to={hrefFor('Prediction', p.id)}>
                  {p.output ?? '?'} <code className="small">{p.id}</code>
                </Link>
                {p.role === 'CONTROL' && (
                  <span className="badge control" title="Made by the control pipeline, beside the primary prediction of the same request">
                    control
                  </span>
                )}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" onClick={more}>
          Show older predictions
        </button>
      )}
      <AtTime subjectKey={hits[0]!.subjectKey} />
    </section>
  );
}

/** "Why at a given time": the subject's newest prediction at or before an instant (UTC). */
function AtTime({ subjectKey }: { subjectKey: string }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('at');
    if (typeof value === 'string' && value) navigate(`/why?subject=${encodeURIComponent(subjectKey)}&at=${encodeURIComponent(`${value}:00Z`)}`);
  };
  return (
    <form className="at-time" onSubmit={submit}>
      <label>
        Why at (UTC) <input type="datetime-local" name="at" required />
      </label>{' '}
      <button type="submit">Explain</button>
    </form>
  );
}

/** Search results grouped by kind; each hit links to its view. `?n=` asks for more per group. */
export function SearchView({ q }: { q: string }) {
  const { params, setParams } = useRoute();
  const first = Math.min(MAX_FIRST, Math.max(1, Number(params.get('n')) || 10));
  const { data, error, loading, reload } = useQuery(SearchAllDocument, { text: q, first }, q.trim() === '');
  const results = data?.searchAll;
  const total = results ? GROUPS.reduce((n, g) => n + results[g.key].length, 0) + results.subjectPredictions.length : 0;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search: “{q}”</h1>
      <Status loading={loading} error={error} onRetry={reload} what="search results" />
      {results && !loading && total === 0 && <p>Nothing matches “{q}”. Try a subject key such as patient-000123, a model name or a dataset.</p>}
      {results && !results.subjectKeysSearched && (
        <p className="muted" data-testid="subject-keys-not-searched">
          Subject keys are searched only for roles cleared to see them (INVESTIGATOR, AUDITOR); yours is not, so a patient key matches nothing here.
        </p>
      )}
      {results && (
        <div className="groups" data-testid="search-results">
          {results.subjectPredictions.length > 0 && (
            <SubjectPredictions
              hits={results.subjectPredictions}
              more={results.subjectPredictions.length >= first && first < MAX_FIRST ? () => setParams({ n: String(MAX_FIRST) }) : null}
            />
          )}
          {GROUPS.filter((g) => results[g.key].length > 0).map((g) => (
            <section className="card" key={g.key}>
              <h2>{g.title}</h2>
              <HitList hits={results[g.key]} />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
