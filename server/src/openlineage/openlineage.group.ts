/**
 * Group commit of concurrent OpenLineage deliveries. Emitters send one event per request, many
 * at once, and their events share jobs, datasets and parent runs: written in a transaction each,
 * they queue on the same nodes' locks, deadlock, and pay a commit apiece. Here one writer per
 * process takes everything that arrived while its previous transaction ran and writes it in the
 * next one; each caller awaits the commit that holds its delivery.
 */
import { ErrorCode, LineageError } from '../errors';

interface Waiter<D, R> {
  delivery: D;
  size: number;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export interface GroupWriterOptions<D, R> {
  /** Writes several deliveries in one transaction, returning each one's result in order. */
  writeGroup: (deliveries: D[]) => Promise<R[]>;
  /** Writes one delivery in its own transaction. */
  writeOne: (delivery: D) => Promise<R>;
  /** Events a group may hold; a delivery alone may be larger (it is then written alone). */
  maxEvents: number;
}

/** Queues deliveries and writes them a group per transaction, one transaction at a time. */
export class GroupWriter<D, R> {
  private queue: Array<Waiter<D, R>> = [];
  private writing = false;
  /** Committed transactions and the deliveries they carried (deliveries ≥ commits under load). */
  readonly stats = { commits: 0, deliveries: 0, fallbacks: 0 };

  constructor(private readonly options: GroupWriterOptions<D, R>) {}

  /** Resolves with the delivery's result once the transaction holding it has committed. */
  submit(delivery: D, size: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ delivery, size, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length) await this.writeNext(this.take());
    } finally {
      this.writing = false;
    }
  }

  /** The oldest waiters that fit in one group (at least one). */
  private take(): Array<Waiter<D, R>> {
    let events = 0;
    let count = 0;
    for (const waiter of this.queue) {
      if (count > 0 && events + waiter.size > this.options.maxEvents) break;
      events += waiter.size;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async writeNext(group: Array<Waiter<D, R>>): Promise<void> {
    if (group.length === 1) return this.writeAlone(group[0]!);
    let results: R[];
    try {
      results = await this.options.writeGroup(group.map((w) => w.delivery));
    } catch (error) {
      // An outage fails everyone alike; anything else may be one delivery's fault, so each is
      // written on its own and only that one fails (a delivery stays whole or not at all).
      if (error instanceof LineageError && error.code === ErrorCode.GRAPH_UNAVAILABLE) {
        for (const waiter of group) waiter.reject(error);
        return;
      }
      this.stats.fallbacks++;
      for (const waiter of group) await this.writeAlone(waiter);
      return;
    }
    this.stats.commits++;
    this.stats.deliveries += group.length;
    group.forEach((waiter, i) => waiter.resolve(results[i]!));
  }

  private async writeAlone(waiter: Waiter<D, R>): Promise<void> {
    try {
      const result = await this.options.writeOne(waiter.delivery);
      this.stats.commits++;
      this.stats.deliveries++;
      waiter.resolve(result);
    } catch (error) {
      waiter.reject(error);
    }
  }
}
