import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { enableTcpNoDelayForBolt } from './tcp-nodelay';

describe('Bolt socket writes', () => {
  it('writes of one synchronous run leave together, in order, and the socket is uncorked by the next microtask', async () => {
    enableTcpNoDelayForBolt();
    const received: Buffer[] = [];
    const server = net.createServer((socket) => socket.on('data', (chunk) => received.push(chunk)));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    try {
      client.setKeepAlive(true); // what the driver does on each socket it opens
      const parts = Array.from({ length: 5 }, (_, i) => Buffer.alloc(1400, 65 + i));
      for (const part of parts) client.write(part);
      expect(client.writableCorked, 'corked while the run writes').toBe(1);
      await Promise.resolve();
      expect(client.writableCorked, 'uncorked by the microtask queued with the first write').toBe(0);
      const expected = Buffer.concat(parts);
      for (let i = 0; i < 100 && Buffer.concat(received).length < expected.length; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(Buffer.concat(received).equals(expected)).toBe(true);
    } finally {
      client.destroy();
      server.close();
    }
  });
});
