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
 * JVM options of a Neo4j a test starts for itself and stops within a minute (the outage test's):
 * the client compiler only (C1), since C2's optimising compilation is paid and never earned
 * back in that time (a first demo load on a fresh database: 52 s with the default tiered JIT,
 * 15 s with C1). The workers' databases keep the default JIT: they live the whole suite, and
 * with C1 alone their queries ran about twice as slow (seven database files, back to back on a
 * quiet machine: 140 s with C1, 87 s with the default).
 */
export const SHORT_LIVED_NEO4J_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1'];
