import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Where webhooks may point: the defence against server-side request forgery. */
export interface UrlPolicyConfig {
  /** When non-empty, the only host names (exact, or `*.suffix`) a webhook may use. */
  allowedHosts: readonly string[];
  /** Allow loopback and private networks (RFC 1918, unique-local, CGNAT); off by default. */
  allowPrivateNetworks: boolean;
}

/** Never allowed, whatever the configuration: link-local (cloud metadata at 169.254.169.254), unspecified, multicast, reserved. */
const PRIVATE_RANGES = new Set(['loopback', 'private', 'uniqueLocal', 'carrierGradeNat']);

/**
 * Checks webhook URLs when they are saved and every address they resolve to when a delivery
 * connects (the `lookup` hook), so a name that later resolves somewhere forbidden (DNS
 * rebinding) is refused at connect time too.
 */
export class UrlPolicy {
  constructor(private readonly config: UrlPolicyConfig) {}

  /** Why an address may not be reached, or undefined when it may. */
  addressProblem(address: string): string | undefined {
    if (!ipaddr.isValid(address)) return `'${address}' is not an IP address`;
    const range = ipaddr.process(address).range();
    if (range === 'unicast') return undefined;
    if (this.config.allowPrivateNetworks && PRIVATE_RANGES.has(range)) return undefined;
    return `resolves to a ${range} address (${address}), which webhooks may not reach`;
  }

  /** Why a URL may not be used, or undefined when it may (resolves the host name). */
  async urlProblem(raw: string): Promise<string | undefined> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'must be an absolute http(s) URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
    if (url.username || url.password) return 'must not carry credentials';
    if (raw.length > 2000) return 'at most 2,000 characters';
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (this.config.allowedHosts.length > 0 && !this.config.allowedHosts.some((allowed) => hostMatches(host, allowed)))
      return `host '${host}' is not in WEBHOOK_ALLOWED_HOSTS`;
    if (ipaddr.isValid(host)) return this.addressProblem(host);
    let addresses: LookupAddress[];
    try {
      addresses = await dns.promises.lookup(host, { all: true });
    } catch {
      return `host '${host}' does not resolve`;
    }
    for (const { address } of addresses) {
      const problem = this.addressProblem(address);
      if (problem) return problem;
    }
    return undefined;
  }

  /** A `lookup` for node:http that refuses forbidden addresses at connect time. */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const problem = addresses.map((a) => this.addressProblem(a.address)).find(Boolean);
      if (problem) return callback(Object.assign(new Error(`${hostname} ${problem}`), { code: 'EFORBIDDEN' }), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function hostMatches(host: string, allowed: string): boolean {
  const h = host.toLowerCase();
  const a = allowed.toLowerCase();
  return a.startsWith('*.') ? h.endsWith(a.slice(1)) : h === a;
}
