import { describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../errors';
import { GroupWriter } from './openlineage.group';

/** A store of written deliveries whose transactions take a tick, like a database round trip. */
function store(failOn: (delivery: string[]) => unknown = () => undefined) {
  const transactions: string[][][] = [];
  const commit = async (deliveries: string[][]) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const delivery of deliveries) {
      const error = failOn(delivery);
      if (error) throw error;
    }
    transactions.push(deliveries);
    return deliveries.map((delivery) => delivery.map((event) => `${event}:ok`));
  };
  const writer = new GroupWriter<string[], string[]>({
    maxEvents: 4,
    writeGroup: commit,
    writeOne: async (delivery) => (await commit([delivery]))[0]!,
  });
  return { writer, transactions };
}

describe('GroupWriter', () => {
  it('writes the first delivery at once and those arriving meanwhile together, each caller getting its own result', async () => {
    const { writer, transactions } = store();
    const results = await Promise.all([['a'], ['b'], ['c', 'd'], ['e']].map((d) => writer.submit(d, d.length)));
    expect(results).toEqual([['a:ok'], ['b:ok'], ['c:ok', 'd:ok'], ['e:ok']]);
    expect(transactions).toEqual([[['a']], [['b'], ['c', 'd'], ['e']]]);
    expect(writer.stats).toEqual({ commits: 2, deliveries: 4, fallbacks: 0 });
  });

  it('never puts more than maxEvents in one group, but writes a larger delivery alone', async () => {
    const { writer, transactions } = store();
    const deliveries = [['a'], ['b', 'c', 'd'], ['e', 'f'], ['g', 'h', 'i', 'j', 'k'], ['l']];
    await Promise.all(deliveries.map((d) => writer.submit(d, d.length)));
    expect(transactions.map((t) => t.flat().length)).toEqual([1, 3, 2, 5, 1]);
    expect(transactions.flat()).toEqual(deliveries);
  });

  it('when a group fails, writes each delivery alone so only the faulty one fails', async () => {
    const bad = new LineageError(ErrorCode.CONFLICT, 'bad delivery');
    const { writer, transactions } = store((delivery) => (delivery.includes('bad') ? bad : undefined));
    const settled = await Promise.allSettled([['a'], ['b'], ['bad'], ['c']].map((d) => writer.submit(d, d.length)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[2]).toMatchObject({ reason: bad });
    expect(transactions).toEqual([[['a']], [['b']], [['c']]]);
    expect(writer.stats.fallbacks).toBe(1);
  });

  it('fails the whole group at once when the graph is unavailable, without a write per delivery', async () => {
    const down = new LineageError(ErrorCode.GRAPH_UNAVAILABLE, 'down');
    let attempts = 0;
    const writer = new GroupWriter<string[], string[]>({
      maxEvents: 10,
      writeGroup: async () => {
        attempts++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw down;
      },
      writeOne: async () => {
        attempts++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw down;
      },
    });
    const settled = await Promise.allSettled([['a'], ['b'], ['c']].map((d) => writer.submit(d, d.length)));
    expect(settled.every((s) => s.status === 'rejected' && s.reason === down)).toBe(true);
    // The first alone, then b and c as one group that fails as one.
    expect(attempts).toBe(2);
  });
});
