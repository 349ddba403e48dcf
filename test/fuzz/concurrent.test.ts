/** The concurrent fuzz runner runs the cases fc.assert would, and fails the way fc.assert does. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertConcurrently } from './concurrent';

describe('assertConcurrently', () => {
  it('runs exactly the cases fc.assert runs for the seed, several at a time', async () => {
    const expected: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (n) => void expected.push(n)),
      { seed: 7, numRuns: 200 },
    );
    const seen: number[] = [];
    let inFlight = 0;
    let most = 0;
    await assertConcurrently(
      fc.asyncProperty(fc.integer(), async (n) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        seen.push(n);
        inFlight -= 1;
      }),
      { seed: 7, numRuns: 200, concurrency: 4 },
    );
    expect([...seen].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    expect(most).toBe(4);
  });

  it("fails with fast-check's shrunk counterexample and its seed", async () => {
    const failing = assertConcurrently(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000 }), async (n) => {
        expect(n).toBeLessThan(500);
      }),
      { seed: 11, numRuns: 300 },
    );
    await expect(failing).rejects.toThrow(/seed: 11[\s\S]*Counterexample: \[500\]/);
  });

  it('names a failure seen only with cases in flight together', async () => {
    let inFlight = 0;
    const failing = assertConcurrently(
      fc.asyncProperty(fc.nat(), async () => {
        inFlight += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        const alone = inFlight === 1;
        inFlight -= 1;
        expect(alone).toBe(true);
      }),
      { seed: 3, numRuns: 20, concurrency: 2 },
    );
    await expect(failing).rejects.toThrow(/only with 2 cases in flight \(seed 3, case \d+\)/);
  });
});
