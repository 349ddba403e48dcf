/** The signed-in session as React state (re-renders on sign-in, sign-out and a refused token). */
import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type Session } from '../auth/session';

export function useSession(): Session {
  return useSyncExternalStore(subscribeSession, getSession);
}
