import { RecentPredictionsDocument, StatsDocument } from '../api/generated';
import { Link } from '../components/Link';
import { SearchBox } from '../components/SearchBox';
import { Status } from '../components/Status';
import { useQuery } from '../hooks/useQuery';

/**
 * Subjects of the newest decisions, from the loaded data, as places to start. A caller who sees
 * only masked keys is sent to the prediction itself (a masked key matches nothing in search);
 * roles that may not explain predictions see no examples.
 */
function RecentSubjects() {
  const { data } = useQuery(RecentPredictionsDocument, {});
  if (!data?.recentPredictions.length) return null;
  return (
    <p className="muted" data-testid="recent-subjects">
      Recent decisions:{' '}
      {data.recentPredictions.map((p, i) => (
        <span key={p.id}>
          {i > 0 && ' · '}
          <Link to={p.subjectKey.startsWith('masked:') ? `/why/${encodeURIComponent(p.id)}` : `/search?q=${encodeURIComponent(p.subjectKey)}`}>
            <code>{p.subjectKey}</code>
          </Link>{' '}
          → {p.output ?? '?'}
        </span>
      ))}
    </p>
  );
}

/** Start page: the search box, what the graph holds, and where to start. */
export function HomeView() {
  const { data, error, loading, reload } = useQuery(StatsDocument, {});
  return (
    <section className="home">
      <h1>Why did the model say that?</h1>
      <p>Search a subject (e.g. a patient key), a prediction id, a model or version, a dataset, a feature or an ION.</p>
      <SearchBox />
      <RecentSubjects />
      <p className="muted">
        Examples: <Link to="/search?q=ensemble">ensemble</Link> · <Link to="/search?q=lab_results">lab_results</Link> ·{' '}
        <Link to="/ion/ion-ct-triage">ION ct-triage</Link>
      </p>
      <Status loading={loading} error={error} onRetry={reload} what="graph statistics" />
      {data && (
        <section className="card">
          <h2>In the graph</h2>
          <ul className="stats">
            {data.graphStats.nodes.map((n) => (
              <li key={n.label}>
                <strong>{n.count.toLocaleString('en')}</strong> {n.label}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
