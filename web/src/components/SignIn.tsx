/**
 * The sign-in screen: paste an API token (or open a `#token=` link). Shown when there is no
 * token, or the server refused the one in hand (expired or revoked).
 */
import { type FormEvent, useState } from 'react';
import { signIn, type SignedOutReason } from '../auth/session';

const WHY: Record<SignedOutReason, string> = {
  none: 'The ION Lineage API needs an access token.',
  rejected: 'The server did not accept your token (expired, revoked or issued for another server). Sign in again.',
  'signed-out': 'You signed out.',
};

export function SignIn({ reason }: { reason: SignedOutReason }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn(token);
  };
  return (
    <section className="sign-in card" aria-labelledby="sign-in-title" data-testid="sign-in">
      <h1 id="sign-in-title">Sign in</h1>
      <p className={reason === 'rejected' ? 'warn-text' : undefined}>{WHY[reason]}</p>
      <form onSubmit={submit}>
        <label htmlFor="token-input">Access token</label>
        <textarea
          id="token-input"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          rows={4}
          spellCheck={false}
          autoComplete="off"
          required
          placeholder="eyJhbGciOi…"
        />
        <button type="submit" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
      <p className="muted small">
        Ask an administrator for a token for your role. A link ending in <code>#token=…</code> signs you in directly; the token is then kept in this browser
        until you sign out.
      </p>
    </section>
  );
}
