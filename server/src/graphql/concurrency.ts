/**
 * At most `maxPerPrincipal` expensive requests of one principal in flight; the next is refused
 * at once (never queued), so one caller cannot hold every Neo4j connection and starve the rest.
 * A counter map rather than a semaphore library: p-limit and async-sema queue work, and a
 * refusal needs a non-blocking try-acquire per key, which these twenty lines are.
 */
export class ExpensiveRequestLimiter {
  private readonly inFlight = new Map<string, number>();

  constructor(readonly maxPerPrincipal: number) {}

  /** Takes a slot for `principalId`: its release function (safe to call twice), or undefined when all are taken. */
  acquire(principalId: string): (() => void) | undefined {
    const current = this.inFlight.get(principalId) ?? 0;
    if (current >= this.maxPerPrincipal) return undefined;
    this.inFlight.set(principalId, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inFlight.get(principalId) ?? 1) - 1;
      if (left > 0) this.inFlight.set(principalId, left);
      else this.inFlight.delete(principalId);
    };
  }

  /** Expensive requests of `principalId` in flight now. */
  count(principalId: string): number {
    return this.inFlight.get(principalId) ?? 0;
  }
}
