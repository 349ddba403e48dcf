import type { ApiError } from '../api/client';

const EXPLAIN: Record<ApiError['kind'], string> = {
  NETWORK: 'The server cannot be reached',
  GRAPH_UNAVAILABLE: 'The graph database (Neo4j) is unavailable',
  NOT_FOUND: 'Not found',
  BAD_USER_INPUT: 'The request was not accepted',
  LIMIT_EXCEEDED: 'The request is too large',
  SERVER: 'The server reported an error',
};

/** Loading and error states: always a visible message, never a blank page. */
export function Status({ loading, error, onRetry, what }: { loading: boolean; error: ApiError | null; onRetry?: () => void; what: string }) {
  if (error) {
    return (
      <div className="status error" role="alert" data-testid="error">
        <strong>{EXPLAIN[error.kind]}</strong> while loading {what}. <span className="muted">{error.message}</span>
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (loading) {
    return (
      <div className="status loading" role="status" aria-live="polite" data-testid="loading">
        Loading {what}…
      </div>
    );
  }
  return null;
}
