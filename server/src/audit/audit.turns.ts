/**
 * One chain append at a time in this process. The audit's group queue and the writes that
 * append their own records inside their transaction (OpenLineage deliveries) take turns, so an
 * append always hashes after the head the previous one committed and none is wasted on a
 * conflict with its own process. A turn taken inside a transaction lasts until it has ended.
 */
export class AppendTurns {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves, once every earlier turn has been released, with the function that releases this one. */
  take(): Promise<() => void> {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => done);
    return ready;
  }
}
