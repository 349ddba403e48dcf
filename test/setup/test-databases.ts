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
