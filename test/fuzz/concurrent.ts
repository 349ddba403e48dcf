/**
 * Runs a fast-check async property over its cases a few at a time instead of one by one. A fuzz
 * case is a request: one at a time, the server waits on Neo4j and Neo4j on the server, so on two
 * cores a handful in flight finishes the same cases in a fraction of the time.
 *
 * The cases are exactly those `fc.assert` would run with the same seed and count. On a failure the property is run again one case at a
 * time with `fc.assert`, from the failing case and then from the start, so the report is
 * fast-check's own, shrunk, with its seed and path; a failure that only shows with cases in
 * flight together is reported as such, with its seed and case.
 */
import fc from 'fast-check';
import pLimit from 'p-limit';

/** Cases in flight: enough to keep the server and Neo4j both busy on two cores. */
export const FUZZ_CONCURRENCY = 4;

export interface ConcurrentParameters {
  numRuns: number;
  /** Cases in flight at once (default FUZZ_CONCURRENCY). */
  concurrency?: number;
  /** Defaults to the global fast-check seed, else a fresh one (printed on failure). */
  seed?: number;
}

/** Like `fc.assert(property, { numRuns })`, with up to `concurrency` cases in flight. */
export async function assertConcurrently<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>, params: ConcurrentParameters): Promise<void> {
  const seed = params.seed ?? fc.readConfigureGlobal().seed ?? Date.now() ^ (Math.random() * 0x100000000);
  const cases = await drawnCases(property, seed, params.numRuns);
  const limit = pLimit(params.concurrency ?? FUZZ_CONCURRENCY);
  let failed: { index: number; error: unknown } | undefined;
  await Promise.all(
    cases.map((value, index) =>
      limit(async () => {
        if (failed) return;
        await property.runBeforeEach();
        const outcome = await property.run(value);
        await property.runAfterEach();
        // A case refused by fc.pre is skipped, as fc.assert skips it.
        if (outcome !== null && !fc.PreconditionFailure.isFailure(outcome) && !failed) {
          // Cases still queued see `failed` and return at once.
          failed = { index, error: outcome.error };
        }
      }),
    ),
  );
  if (!failed) return;
  // Fast-check's own report: the failing case replayed and shrunk, else every case in order.
  await fc.assert(property, { seed, numRuns: params.numRuns, path: String(failed.index) });
  await fc.assert(property, { seed, numRuns: params.numRuns });
  throw new Error(
    `Property failed only with ${params.concurrency ?? FUZZ_CONCURRENCY} cases in flight (seed ${seed}, case ${failed.index}); ` +
      `one at a time every case passes. First error: ${failed.error instanceof Error ? (failed.error.stack ?? failed.error.message) : String(failed.error)}`,
  );
}

/**
 * The values `fc.assert(property, { seed, numRuns })` runs, drawn by fast-check's own runner
 * with a property that only records them (`fc.sample` draws another sequence past its first
 * cases).
 */
async function drawnCases<Ts extends unknown[]>(property: fc.IAsyncProperty<Ts>, seed: number, numRuns: number): Promise<Ts[]> {
  const cases: Ts[] = [];
  const recorder: fc.IAsyncProperty<Ts> = {
    isAsync: () => true,
    generate: (mrng, runId) => property.generate(mrng, runId),
    shrink: (value) => property.shrink(value),
    run: (value) => {
      cases.push(value);
      return Promise.resolve(null);
    },
    runBeforeEach: () => Promise.resolve(),
    runAfterEach: () => Promise.resolve(),
  };
  await fc.check(recorder, { seed, numRuns });
  return cases;
}
