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
 * 15 s with C1). The workers' databases keep C2 (below): they live the whole suite, and with C1
 * alone their queries ran about twice as slow (seven database files, back to back on a quiet
 * machine: 140 s with C1, 87 s with the default; the whole suite: 372 s with C1, 334 s without).
 */
export const SHORT_LIVED_NEO4J_JVM_OPTIONS: readonly string[] = ['-XX:TieredStopAtLevel=1'];

/**
 * JVM options of the one JVM that serves the workers' databases: C2, the optimising compiler,
 * takes a method only once it is four times as hot as by default. New queries run Neo4j's large
 * Cypher planner a few times each, and C2 kept compiling it for little return (the whole suite,
 * 2 quiet cores: compiler threads 111 s CPU before, 72 s after; Neo4j's Bolt threads 144 s
 * before, 138 s after; 298 s before, 271 s after. Ten times as hot: no better).
 */
export const WORKER_NEO4J_JVM_OPTIONS: readonly string[] = [
  '-XX:Tier4InvocationThreshold=20000',
  '-XX:Tier4MinInvocationThreshold=2400',
  '-XX:Tier4CompileThreshold=60000',
  '-XX:Tier4BackEdgeThreshold=160000',
];

/**
 * Neo4j settings of the test databases: a query is planned once and never replanned. By default
 * Neo4j plans a query again when the graph's statistics have changed by 75% since, checked every
 * 10 s; test files wipe and load their graphs all the time, so the workers' databases kept
 * planning the same queries again (the whole suite, 2 quiet cores: 390 s before, 334 s after).
 * Plans still come from the statistics of the first use, and the tests that read plans
 * (index seeks, bounded db hits) pass either way. The service keeps Neo4j's defaults.
 */
export const TEST_NEO4J_SETTINGS: Readonly<Record<string, string>> = {
  'dbms.cypher.min_replan_interval': '1h',
  'dbms.cypher.statistics_divergence_threshold': '1.0',
};

/** The same settings as a Neo4j container's environment (`.` becomes `_`, `_` becomes `__`). */
export function containerEnvironment(settings: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).map(([name, value]) => [`NEO4J_${name.replaceAll('_', '__').replaceAll('.', '_')}`, value]));
}
