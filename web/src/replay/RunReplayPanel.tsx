/**
 * Batch replay on a run's lineage view: starts a replay job for every prediction of the run,
 * polls its progress, and shows counts by verdict, what was missing, and the differing
 * predictions (each a link to its why view).
 */
import { useEffect, useState } from 'react';
import { ApiError, gql } from '../api/client';
import { ReplayJobDocument, StartReplayJobDocument } from '../api/generated';
import type { ReplayJobView } from '../api/operations';
import { Link } from '../components/Link';
import { href } from '../routes';

const POLL_MS = 1_000;

export function RunReplayPanel({ runId }: { runId: string }) {
  const [job, setJob] = useState<ReplayJobView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!job || job.status !== 'RUNNING') return undefined;
    const timer = setTimeout(() => {
      gql(ReplayJobDocument, { id: job.id }).then(
        (data) => setJob(data.replayJob),
        (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = () => {
    setError(null);
    gql(StartReplayJobDocument, { runId }).then(
      (data) => setJob(data.startReplayJob),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  };

  return (
    <section className="card" data-testid="run-replay">
      <h2>Batch replay</h2>
      <button type="button" onClick={start} disabled={job?.status === 'RUNNING'} data-testid="run-replay-button">
        Replay every prediction of this run
      </button>
      {error && <p className="warn-text">{error}</p>}
      {job && (
        <div data-testid="run-replay-result">
          <p>
            <span className="badge">{job.status}</span> {job.done} / {job.total} ({Math.round(job.progress * 100)}%) · reproduced {job.reproduced} · differs{' '}
            {job.differs} · not replayable {job.notReplayable}
          </p>
          {job.notReplayableBy.length > 0 && (
            <ul>
              {job.notReplayableBy.map((g) => (
                <li key={`${g.missing}:${g.modelVersionId ?? ''}`}>
                  {g.count} × {g.missing}
                  {g.modelVersionId && (
                    <>
                      {' '}
                      (<Link to={href.modelVersion(g.modelVersionId)}>{g.modelVersionId}</Link>)
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {job.differingIds.length > 0 && (
            <p>
              Differing:{' '}
              {job.differingIds.map((id) => (
                <Link key={id} to={href.why(id)}>
                  {id}
                </Link>
              ))}
              {!job.differingIdsComplete && ' …'}
            </p>
          )}
          {job.error && <p className="warn-text">{job.error}</p>}
        </div>
      )}
    </section>
  );
}
