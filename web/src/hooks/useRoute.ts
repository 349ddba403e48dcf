/**
 * The current location as a Route plus its query parameters, and `navigate` (pushState or
 * replaceState). Views keep their state in the query string, so back/forward and shared links work.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, type Route } from '../routes';

const EVENT = 'ion-lineage:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Goes to `to` (a path with query); `replace` edits the current history entry instead. */
export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
  if (!replace) window.scrollTo(0, 0);
}

export interface Location {
  route: Route;
  params: URLSearchParams;
  /** Sets (or, with null, removes) query parameters of the current path; replaces history by default. */
  setParams(changes: Record<string, string | string[] | null>, push?: boolean): void;
}

export function useRoute(): Location {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  const setParams = useCallback((changes: Record<string, string | string[] | null>, push = false) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      if (Array.isArray(value)) value.forEach((v) => next.append(key, v));
      else if (value !== null) next.set(key, value);
    }
    const query = next.toString();
    navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, !push);
  }, []);
  return { route: parseRoute(url.pathname, url.search), params: url.searchParams, setParams };
}
