import type { Server } from 'node:http';

/** How long in-flight requests may take to finish after SIGTERM before the process gives up. */
export const DEFAULT_SHUTDOWN_DEADLINE_MS = 30_000;

/**
 * Counts the requests a server is answering, and once draining starts asks every client to
 * close its connection after the current response (keep-alive sockets would otherwise hold
 * `server.close` open forever).
 */
export function trackRequests(server: Server) {
  let inFlight = 0;
  let draining = false;
  const idleWaiters: Array<() => void> = [];
  // First listener, so a response sent synchronously by the app still gets the header.
  server.prependListener('request', (_req, res) => {
    inFlight++;
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0) idleWaiters.splice(0).forEach((wake) => wake());
    });
  });
  return {
    get inFlight() {
      return inFlight;
    },
    /** Stops accepting connections and resolves once every request in flight has been answered. */
    drain(): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const answered = inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
      // Sockets left idle once their last response went out are closed too.
      return answered.then(() => {
        server.closeIdleConnections();
        return closed;
      });
    },
  };
}

export interface ShutdownSteps {
  /** Stops accepting and lets in-flight requests finish (and their transactions commit). */
  drain(): Promise<void>;
  /** Closes the driver, then stops the local database, in this order. */
  close(): Promise<void>;
  log(message: string): void;
  deadlineMs?: number;
}

/**
 * Graceful shutdown: drain, then close. If that takes longer than the deadline the process
 * should exit non-zero; the returned promise resolves to the exit code either way.
 */
export async function shutdownGracefully(steps: ShutdownSteps): Promise<number> {
  const deadlineMs = steps.deadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      steps.log(`shutdown did not finish within ${deadlineMs} ms; exiting anyway`);
      resolve(1);
    }, deadlineMs);
  });
  const work = (async () => {
    await steps.drain();
    steps.log('requests drained; closing the graph');
    await steps.close();
    return 0;
  })().catch((error: unknown) => {
    steps.log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
