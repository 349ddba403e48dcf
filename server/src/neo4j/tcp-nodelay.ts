import net from 'node:net';

let applied = false;
const COALESCED = Symbol('coalescedWrites');

/**
 * Coalesces the socket writes of one synchronous run: the first write corks the socket and a
 * microtask queued behind it uncorks it, so everything the driver writes in one go leaves in one
 * `writev`. neo4j-driver 5 hands its socket one 1,400-byte chunk buffer at a time: a 6 KB
 * query's RUN and PULL were five writes, each a system call and, with no-delay, a TCP segment of
 * its own (the largest share of the service's CPU for a `why`). A microtask, not
 * `process.nextTick`: the driver writes from promise callbacks, and a tick callback would wait
 * until every microtask queued meanwhile had run (a whole GraphQL execution, measured as 1 ms
 * added to the audit append's round trip). Order and content are unchanged.
 */
function coalesceWrites(socket: net.Socket): void {
  const tagged = socket as net.Socket & { [COALESCED]?: true };
  if (tagged[COALESCED]) return;
  tagged[COALESCED] = true;
  const write = socket.write;
  const uncork = () => socket.uncork();
  socket.write = function coalescedWrite(this: net.Socket, ...args: Parameters<typeof write>) {
    if (!this.writableCorked && !this.destroyed) {
      this.cork();
      queueMicrotask(uncork);
    }
    return write.apply(this, args);
  } as typeof write;
}

/**
 * Turns Nagle's algorithm off on the Bolt sockets of neo4j-driver 5, which leaves it on (the
 * Python and Rust drivers set TCP_NODELAY). With it on, a transaction's small writes wait for
 * delayed ACKs: `why` took ~60 ms on loopback for ~7 ms of database work, ~27 ms without.
 * Without Nagle, each of the driver's small writes is a segment of its own, so the writes of
 * one tick are also coalesced (`coalesceWrites`). The driver offers no socket option, but it
 * calls `setKeepAlive(true)` on every socket it opens, so that call also sets both. Any other
 * socket that asks for keep-alive gets them too, which only lowers latency and system calls.
 */
export function enableTcpNoDelayForBolt(): void {
  if (applied) return;
  applied = true;
  const setKeepAlive = net.Socket.prototype.setKeepAlive;
  net.Socket.prototype.setKeepAlive = function patchedSetKeepAlive(this: net.Socket, ...args: Parameters<typeof setKeepAlive>) {
    this.setNoDelay(true);
    coalesceWrites(this);
    return setKeepAlive.apply(this, args);
  };
}
