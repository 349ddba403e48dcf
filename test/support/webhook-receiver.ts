/**
 * A real HTTP receiver for webhook tests (node:http on 127.0.0.1): records every request and
 * answers as told: 200, another status, or nothing at all (the port is closed, so connections
 * are refused) until it is brought back on the same port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HEADERS } from '../../server/src/webhooks/webhook.signing';

export interface Received {
  id: string;
  event: string;
  timestamp: string;
  signature: string;
  body: string;
  json: { deliveryId: string; eventId: string; type: string; ionId: string | null; data: Record<string, string> } & Record<string, unknown>;
  /** When it arrived (performance.now()). */
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What the receiver answers from now on; 'down' closes the port (connection refused). */
  answer(mode: number | 'down'): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (status >= 200 && status < 300) {
        received.push({
          id: String(req.headers[HEADERS.id]),
          event: String(req.headers[HEADERS.event]),
          timestamp: String(req.headers[HEADERS.timestamp]),
          signature: String(req.headers[HEADERS.signature]),
          body,
          json: JSON.parse(body) as Received['json'],
          at: performance.now(),
        });
      }
      res.writeHead(status).end();
    });
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject).listen(port, '127.0.0.1'));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const closePort = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  let down = false;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async answer(mode) {
      if (mode === 'down') {
        if (!down) await closePort();
        down = true;
        return;
      }
      status = mode;
      if (down) await listen(port);
      down = false;
    },
    async close() {
      if (!down) await closePort();
      down = true;
    },
  };
}
