/**
 * How many databases, and so test workers, the suite runs with. Database test files on one
 * worker run one at a time on that worker's own Neo4j; workers run side by side. A configured
 * NEO4J_URI is one database, so one worker. TEST_DATABASES overrides the default of 2, which
 * suits a 2-core machine (the tests mostly wait on Neo4j and on each other's requests).
 */
export function testDatabaseCount(env: NodeJS.ProcessEnv = process.env): number {
  if (env.NEO4J_URI) return 1;
  const wanted = Number(env.TEST_DATABASES ?? 2);
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`TEST_DATABASES must be a positive integer, got ${env.TEST_DATABASES}`);
  return wanted;
}

/**
 * JVM options of every Neo4j the tests start: the client compiler only (C1). A test database
 * lives minutes and runs each query a few times, so C2's optimising compilation of Neo4j's
 * planner and runtime was mostly paid and never earned back: the first demo load on a fresh
 * database took 52 s with the default tiered JIT and 15 s with C1 (load average 12 on two
 * cores); a load on a warm database is as fast with either.
 */
export const TEST_NEO4J_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1'];
