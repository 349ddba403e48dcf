/**
 * Runs one GraphQL operation whenever its variables change (by value), cancelling the previous
 * request; `reload` runs it again. `skip` holds it back (e.g. an empty search).
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, gql } from '../api/client';
import type { TypedDocumentString } from '../api/generated';

export interface QueryState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** `document` is a generated `*Document`: its types give `variables` and the answer's shape. */
export function useQuery<T, V>(document: TypedDocumentString<T, V>, variables: V, skip = false): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !skip });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (skip) return undefined;
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    gql(document, JSON.parse(key) as V, controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: null, error: error instanceof ApiError ? error : new ApiError('SERVER', String(error)), loading: false });
      },
    );
    return () => controller.abort();
  }, [document, key, skip, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
