import http from 'node:http';
import https from 'node:https';
import type { UrlPolicy } from './webhook.url-policy';

/** How one POST ended: the receiver's status, or the error that kept it from answering. */
export type PostOutcome = { statusCode: number; error: null } | { statusCode: null; error: string };

/**
 * POSTs a JSON body with node:http(s), connecting only to addresses the policy allows (its
 * `lookup`, plus a check of IP literals, which skip lookup). Redirects are not followed (a 3xx
 * counts as a failure), the answer body is discarded, and the whole exchange has a deadline.
 */
export function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number, policy: UrlPolicy): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ statusCode: null, error: 'invalid URL' });
    }
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (/^[\d.]+$|:/.test(literal)) {
      const problem = policy.addressProblem(literal);
      if (problem) return resolve({ statusCode: null, error: problem });
    }
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ion-lineage-webhooks/1', ...headers },
      lookup: policy.lookup as never,
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, error: null }));
      response.on('error', (error) => resolve({ statusCode: null, error: error.message }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ statusCode: null, error: (error.code ? `${error.code}: ` : '') + error.message }));
    request.end(body);
  });
}
