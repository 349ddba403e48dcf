import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { shutdownGracefully, trackRequests } from './shutdown';

/** A server whose /slow answers after `ms`, to have a request in flight. */
async function slowServer(ms: number) {
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('done'), ms);
    else res.end('fast');
  });
  const requests = trackRequests(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, requests, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then closes', async () => {
    const { requests, url } = await slowServer(300);
    // A kept-alive idle connection must not hold the drain open.
    expect(await (await fetch(`${url}/fast`)).text()).toBe('fast');
    const pending = fetch(`${url}/slow`).then((res) => res.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.inFlight).toBe(1);
    const steps: string[] = [];
    const exit = shutdownGracefully({
      drain: () => requests.drain(),
      close: async () => void steps.push('closed'),
      log: (m) => steps.push(m),
      deadlineMs: 5_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await new Promise<boolean>((resolve) => http.get(`${url}/fast`, { agent: false }, () => resolve(false)).on('error', () => resolve(true)));
    expect(refused).toBe(true);
    expect(await pending).toBe('done');
    expect(await exit).toBe(0);
    expect(steps.at(-1)).toBe('closed');
  });

  it('gives up with exit code 1 past the deadline', async () => {
    const { requests, url, server } = await slowServer(2_000);
    const pending = fetch(`${url}/slow`).then(
      (res) => res.text(),
      () => 'aborted',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const log: string[] = [];
    const code = await shutdownGracefully({ drain: () => requests.drain(), close: async () => {}, log: (m) => log.push(m), deadlineMs: 200 });
    expect(code).toBe(1);
    expect(log.join('\n')).toContain('did not finish within 200 ms');
    server.closeAllConnections();
    await pending;
  });
});
