/**
 * "Replay" on the why view: re-runs the prediction with the exact artifacts it used and shows
 * recorded vs replayed per model (members indented), the verdict, and a what-if picker over the
 * other versions of the same model. Nothing runs until the button is pressed (a replay is
 * recorded and audited).
 */
import { useState } from 'react';
import { ReplayDocument } from '../api/generated';
import type { ReplayRow } from '../api/operations';
import { Link } from '../components/Link';
import { Status } from '../components/Status';
import { useQuery } from '../hooks/useQuery';
import { href } from '../routes';

const score = (value: number | null | undefined, digits = 4) => (value === null || value === undefined ? '—' : value.toFixed(digits));

function VerdictBadge({ verdict, missing }: { verdict: string; missing?: string | null }) {
  const tone = verdict === 'REPRODUCED' ? 'ok' : 'warn';
  return (
    <span className={`badge ${tone}`} data-testid="replay-verdict">
      {verdict}
      {missing ? `: ${missing}` : ''}
    </span>
  );
}

function Rows({ rows, testId }: { rows: readonly ReplayRow[]; testId: string }) {
  return (
    <table className="compare" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Model version</th>
          <th scope="col">Recorded</th>
          <th scope="col">Replayed</th>
          <th scope="col">Δ score</th>
          <th scope="col">Verdict</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.role}:${r.modelVersionId}`} className={r.verdict === 'REPRODUCED' ? '' : 'differs'}>
            <th scope="row" className={r.parentModelVersionId ? 'member' : undefined}>
              {r.parentModelVersionId ? '↳ ' : ''}
              <Link to={href.modelVersion(r.modelVersionId)}>{r.modelVersionId}</Link>
              {r.weight !== null && r.weight !== undefined && <span className="muted"> weight {r.weight.toFixed(3)}</span>}
            </th>
            <td>{r.recordedOutput ? `${r.recordedOutput} (${score(r.recordedScore)})` : '—'}</td>
            <td>{r.replayedOutput || r.replayedScore !== null ? `${r.replayedOutput ?? '?'} (${score(r.replayedScore)})` : '—'}</td>
            <td>{score(r.scoreDifference, 6)}</td>
            <td>
              <VerdictBadge verdict={r.verdict} missing={r.missing} />
              {r.detail && <div className="muted small">{r.detail}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReplayPanel({ predictionId }: { predictionId: string }) {
  const [asked, setAsked] = useState(false);
  const [withModelVersion, setWithModelVersion] = useState<string | null>(null);
  const { data, error, loading, reload } = useQuery(ReplayDocument, { predictionId, withModelVersion }, !asked);
  const replay = data?.replay ?? null;
  return (
    <section className="card" data-testid="replay-panel">
      <h2>Replay</h2>
      <p className="muted small">Re-runs this prediction with the exact model artifacts it used (digests verified) and compares with what was recorded.</p>
      <button type="button" onClick={() => (asked ? reload() : setAsked(true))} data-testid="replay-button">
        Replay
      </button>
      {asked && <Status loading={loading} error={error} onRetry={reload} what="the replay" />}
      {replay && (
        <>
          <p data-testid="replay-summary">
            <VerdictBadge verdict={replay.verdict} missing={replay.missing} /> tolerance ±{replay.tolerance} on the score
            {replay.recorded ? ' · recorded on the prediction' : ''}
          </p>
          <Rows rows={replay.models} testId="replay-rows" />
          <label className="inline">
            What if it had been run by{' '}
            <select value={withModelVersion ?? ''} onChange={(e) => setWithModelVersion(e.target.value || null)} data-testid="whatif-picker">
              <option value="">—</option>
              {replay.alternatives.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.modelName} {a.version ?? a.id} ({a.status ?? '?'})
                </option>
              ))}
            </select>
          </label>
          {replay.whatIf.length > 0 && (
            <>
              <p data-testid="whatif-answer">
                {replay.decisionWouldDiffer === null ? (
                  <span className="warn-text">The what-if version cannot be run.</span>
                ) : replay.decisionWouldDiffer ? (
                  <span className="warn-text">That version would have decided differently.</span>
                ) : (
                  'That version would have made the same decision.'
                )}
              </p>
              <Rows rows={replay.whatIf} testId="whatif-rows" />
            </>
          )}
        </>
      )}
    </section>
  );
}
