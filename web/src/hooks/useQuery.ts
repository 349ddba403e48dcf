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

/** The last answer and which request it answers, so `loading` is derived, never set by the effect. */
interface Settled<T, V> {
  document: TypedDocumentString<T, V> | null;
  request: string | null;
  data: T | null;
  error: ApiError | null;
}

/** `document` is a generated `*Document`: its types give `variables` and the answer's shape. */
export function useQuery<T, V>(document: TypedDocumentString<T, V>, variables: V, skip = false): QueryState<T> {
  const key = JSON.stringify(variables);
  const [attempt, setAttempt] = useState(0);
  const request = `${attempt}:${key}`;
  const [settled, setSettled] = useState<Settled<T, V>>({ document: null, request: null, data: null, error: null });

  useEffect(() => {
    if (skip) return undefined;
    const controller = new AbortController();
    gql(document, JSON.parse(key) as V, controller.signal).then(
      (data) => setSettled({ document, request, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setSettled({ document, request, data: null, error: error instanceof ApiError ? error : new ApiError('SERVER', String(error)) });
      },
    );
    return () => controller.abort();
  }, [document, key, skip, request]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // While a new request runs the previous data stays on screen; its error does not.
  const current = !skip && settled.document === document && settled.request === request;
  return { data: settled.data, error: current ? settled.error : null, loading: !skip && !current, reload };
}
