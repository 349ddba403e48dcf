/**
 * The signed-in session: one API token kept in localStorage and sent on every request. A
 * `#token=` link signs in (and the token leaves the address bar at once, so it is not shared
 * or kept in history); a 401 from the server signs out with a reason the sign-in screen shows.
 */
import { hashWithoutToken, tokenFromHash } from './token';

const KEY = 'ion-lineage.token';
const EVENT = 'ion-lineage:session';

/** Why the sign-in screen shows: no token yet, the server refused the token, or the user signed out. */
export type SignedOutReason = 'none' | 'rejected' | 'signed-out';

export interface Session {
  token: string | null;
  reason: SignedOutReason;
}

let current: Session = { token: null, reason: 'none' };

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage can be disabled (privacy settings); the session then lasts as long as the page.
    return null;
  }
}

function publish(next: Session): void {
  current = next;
  window.dispatchEvent(new Event(EVENT));
}

/** Loads the stored token and adopts one from `#token=` (which wins), removing it from the URL. */
export function startSession(): void {
  const fromUrl = tokenFromHash(window.location.hash);
  if (fromUrl) {
    storage()?.setItem(KEY, fromUrl);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + hashWithoutToken(window.location.hash));
  }
  const token = fromUrl ?? storage()?.getItem(KEY) ?? null;
  current = { token, reason: 'none' };
}

export function getSession(): Session {
  return current;
}

export function subscribeSession(onChange: () => void): () => void {
  window.addEventListener(EVENT, onChange);
  return () => window.removeEventListener(EVENT, onChange);
}

/** Signs in with a pasted token. */
export function signIn(token: string): void {
  const trimmed = token.trim();
  if (!trimmed) return;
  storage()?.setItem(KEY, trimmed);
  publish({ token: trimmed, reason: 'none' });
}

/** Forgets the token; `reason` tells the sign-in screen what to say. */
export function signOut(reason: SignedOutReason = 'signed-out'): void {
  storage()?.removeItem(KEY);
  if (current.token !== null || current.reason !== reason) publish({ token: null, reason });
}
