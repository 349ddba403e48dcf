/**
 * When the next attempt is due: exponential backoff with "equal jitter" (half fixed, half
 * random), capped. The schedule is computed here and persisted as `nextAttemptAt` in the graph,
 * because a retry must survive a restart; in-memory retry libraries (p-retry and the like) keep
 * that state in the process, which is exactly what the outbox must not do.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
