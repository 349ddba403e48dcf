/**
 * Model governance page: what the version is, how it was made and by whom, every decision per
 * ION (the last one is in force), where and how long it served, its metrics, and a link into
 * the lineage explorer.
 */
import { ModelVersionDocument } from '../api/generated';
import type { ModelVersionView } from '../api/operations';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { formatDuration, formatTime, prettyJson } from '../format';
import { useQuery } from '../hooks/useQuery';
import { href } from '../routes';

function Badge({ value }: { value: string }) {
  const tone = value === 'APPROVED' ? 'ok' : value === 'REJECTED' || value === 'RETIRED' ? 'warn' : '';
  return <span className={`badge ${tone}`}>{value}</span>;
}

function Lineage({ mv }: { mv: ModelVersionView }) {
  const l = mv.lineage;
  return (
    <section className="card">
      <h2>How it was made</h2>
      <dl className="facts">
        <dt>Origin</dt>
        <dd>{l.origin.toLowerCase()}</dd>
        {l.trainingRunId && (
          <>
            <dt>Training run</dt>
            <dd>
              <Link to={href.lineage(l.trainingRunId)}>{l.trainingRunId}</Link> ({formatTime(l.trainingStartedAt)} → {formatTime(l.trainingEndedAt)})
            </dd>
          </>
        )}
        {l.pipelineNodeName && (
          <>
            <dt>Pipeline</dt>
            <dd>
              {l.pipelineNodeName}
              {l.ionId && (
                <>
                  {' '}
                  in <Link to={href.ion(l.ionId)}>{l.ionName ?? l.ionId}</Link>
                </>
              )}
            </dd>
          </>
        )}
        {l.codeVersion && (
          <>
            <dt>Code</dt>
            <dd>
              <code>{l.codeVersion}</code>
            </dd>
          </>
        )}
        {(l.triggeredBy ?? l.uploadedBy) && (
          <>
            <dt>{l.triggeredBy ? 'Triggered by' : 'Uploaded by'}</dt>
            <dd>{(l.triggeredBy ?? l.uploadedBy)!.name}</dd>
          </>
        )}
        {l.purpose && (
          <>
            <dt>Purpose</dt>
            <dd>{l.purpose}</dd>
          </>
        )}
        <dt>Data</dt>
        <dd>
          {l.datasetVersionCount} dataset versions:{' '}
          {l.datasetVersions.map((d, i) => (
            <span key={d.id}>
              {i > 0 && ', '}
              <Link to={href.lineage(d.id)}>
                {d.datasetName} {d.version}
              </Link>{' '}
              <span className="badge">{d.classification}</span>
            </span>
          ))}
        </dd>
        <dt>Features</dt>
        <dd>
          {l.featureCount}: {l.features.map((f) => f.name).join(', ') || '—'}
        </dd>
      </dl>
    </section>
  );
}

function Decisions({ mv }: { mv: ModelVersionView }) {
  return (
    <section className="card" data-testid="decisions">
      <h2>Approvals and rejections</h2>
      {mv.decisionsByIon.length === 0 && <p className="warn-text">No decision recorded for any ION.</p>}
      {mv.decisionsByIon.map((ion) => (
        <div key={ion.ionId}>
          <h3>
            ION <Link to={href.ion(ion.ionId)}>{ion.ionName}</Link> — in force: <Badge value={ion.current} />
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Decision</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {ion.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{formatTime(d.at)}</td>
                  <td>
                    <Badge value={d.decision} />
                  </td>
                  <td>{d.reviewer.name}</td>
                  <td>{d.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

function Usage({ mv }: { mv: ModelVersionView }) {
  const rows = mv.usage.flatMap((ion) => ion.nodes.flatMap((node) => node.periods.map((p) => ({ ion, node, p }))));
  return (
    <section className="card">
      <h2>Usage periods</h2>
      {[...new Set(mv.usage.flatMap((ion) => (ion.ionId ? [ion.ionId] : [])))].map((ionId) => (
        <p key={ionId} className="small">
          <Link to={href.monitoring(ionId, mv.id)}>Drift while serving in {ionId}</Link>
        </p>
      ))}
      {rows.length === 0 ? (
        <p className="muted">Never deployed.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">ION / pipeline</th>
              <th scope="col">Role</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Duration</th>
              <th scope="col">Authorised by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ ion, node, p }) => (
              <tr key={p.deploymentId}>
                <td>
                  {ion.ionName ?? '—'} / {node.pipelineNodeName}
                </td>
                <td>{p.role}</td>
                <td>{formatTime(p.from)}</td>
                <td>{p.active ? <span className="badge ok">active</span> : formatTime(p.to)}</td>
                <td>{formatDuration(p.durationSeconds)}</td>
                <td>{p.approvalId ?? <span className="warn-text">no approval cited</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Metrics({ metrics }: { metrics: Record<string, unknown> | null }) {
  const entries = Object.entries(metrics ?? {});
  if (entries.length === 0) return <p className="muted">No metrics recorded.</p>;
  return (
    <table className="metrics">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="num">{typeof v === 'number' ? v.toFixed(4) : JSON.stringify(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelVersionPage({ id }: { id: string }) {
  const { data, error, loading, reload } = useQuery(ModelVersionDocument, { id });
  const mv = data?.modelVersion;
  return (
    <section aria-labelledby="mv-title">
      <Status loading={loading} error={error} onRetry={reload} what="the model version" />
      {mv && (
        <>
          <h1 id="mv-title">
            {mv.name} <Badge value={mv.status} />
          </h1>
          {mv.modelDescription && <p>{mv.modelDescription}</p>}
          <p>
            {mv.algorithm} · {mv.framework ?? '—'} · {mv.format} · created {formatTime(mv.createdAt)} · {mv.predictionCount.toLocaleString('en')} predictions ·{' '}
            <Link to={href.lineage(mv.id)}>open in lineage explorer</Link>
          </p>
          {(mv.members.length > 0 || mv.memberOf.length > 0) && (
            <section className="card">
              <h2>{mv.members.length > 0 ? 'Ensemble members' : 'Member of'}</h2>
              <ul>
                {[...mv.members, ...mv.memberOf].map((m) => (
                  <li key={m.modelVersionId}>
                    <Link to={href.modelVersion(m.modelVersionId)}>{m.name}</Link> weight {m.weight.toFixed(2)} <Badge value={m.status} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="why-grid">
            <Lineage mv={mv} />
            <section className="card">
              <h2>Metrics</h2>
              <Metrics metrics={mv.metrics} />
              <details>
                <summary>Hyperparameters, artifact and digest</summary>
                <pre className="json">{prettyJson({ artifactUri: mv.artifactUri, digest: mv.digest, hyperparameters: mv.hyperparameters })}</pre>
              </details>
            </section>
          </div>
          <Decisions mv={mv} />
          <Usage mv={mv} />
        </>
      )}
    </section>
  );
}
