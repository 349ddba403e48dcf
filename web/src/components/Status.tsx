import type { ApiError } from '../api/client';
import { readClaims } from '../auth/token';
import { useSession } from '../hooks/useSession';

const EXPLAIN: Record<ApiError['kind'], string> = {
  NETWORK: 'The server cannot be reached',
  GRAPH_UNAVAILABLE: 'The graph database (Neo4j) is unavailable',
  UNAUTHENTICATED: 'Sign-in required',
  FORBIDDEN: 'Not permitted',
  NOT_FOUND: 'Not found',
  BAD_USER_INPUT: 'The request was not accepted',
  LIMIT_EXCEEDED: 'The request is too large',
  SERVER: 'The server reported an error',
};

/** Loading and error states: always a visible message, never a blank page. */
export function Status({ loading, error, onRetry, what }: { loading: boolean; error: ApiError | null; onRetry?: () => void; what: string }) {
  if (error?.kind === 'FORBIDDEN') return <Forbidden what={what} message={error.message} />;
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

/** FORBIDDEN: the token is fine but its role may not do this; retrying would not help. */
function Forbidden({ what, message }: { what: string; message: string }) {
  const { token } = useSession();
  const roles = token ? readClaims(token).roles : [];
  return (
    <div className="status error" role="alert" data-testid="forbidden">
      <strong>Not permitted:</strong> your role{roles.length === 1 ? '' : 's'} {roles.length > 0 ? <strong>{roles.join(', ')}</strong> : '(unknown)'} may not
      see {what}. Ask an administrator for a token with a role that may (see the permission table in the README), or sign out and use another token.{' '}
      <span className="muted">{message}</span>
    </div>
  );
}
