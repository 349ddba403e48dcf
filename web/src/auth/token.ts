/**
 * Pure helpers for the API token: take it from a `#token=` link, and read who it claims to be
 * (for display only: the server verifies every request, the UI never trusts these claims).
 */

/** The token in a location hash such as `#token=eyJ…` (other hash parameters are kept apart), or null. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** The hash without its `token` parameter ('' when nothing else was there). */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/** Who a token says it is: subject and roles from a JWT payload; nulls for opaque API tokens. */
export interface TokenClaims {
  subject: string | null;
  roles: string[];
  /** Expiry in ms since the epoch, when the token has one. */
  expiresAt: number | null;
}

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads a JWT's payload without verifying it; a token that is not a JWT gives empty claims. */
export function readClaims(token: string): TokenClaims {
  const none: TokenClaims = { subject: null, roles: [], expiresAt: null };
  const parts = token.split('.');
  if (parts.length !== 3) return none;
  try {
    const payload = JSON.parse(base64UrlDecode(parts[1]!)) as Record<string, unknown>;
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      roles,
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    };
  } catch {
    return none;
  }
}
