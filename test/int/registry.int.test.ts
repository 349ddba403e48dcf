/**
 * Contract test for the query registry: Neo4j itself plans every query file (`EXPLAIN` runs
 * nothing), so a syntax error, an unknown function or a deprecated construct fails here
 * rather than on the request that first uses the query.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CypherQuery } from '../../server/src/store/cypher-registry';
import { applyTestSchema, connectTestGraph, loadRegistry } from '../support/neo4j';

/** Loaded while collecting tests, so each query gets its own named test. */
const queries = loadRegistry().all();

async function explain(driver: Driver, query: CypherQuery) {
  // EXPLAIN still needs every parameter present; their values do not matter for planning.
  const params = Object.fromEntries(query.params.map((name) => [name, null]));
  // Auto-commit, because queries using `CALL { … } IN TRANSACTIONS` only run that way.
  const session = driver.session({
    defaultAccessMode: query.mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
  });
  try {
    return (await session.run(`EXPLAIN ${query.text}`, params)).summary;
  } finally {
    await session.close();
  }
}

describe('every registry query plans on Neo4j', () => {
  let driver: Driver;

  beforeAll(async () => {
    const graph = await connectTestGraph();
    driver = graph.driver;
    // Plans depend on the constraints and indexes: the ones start-up applies.
    await applyTestSchema(graph);
  });

  afterAll(async () => {
    await driver?.close();
  });

  it('has queries to check', () => {
    expect(queries.length).toBeGreaterThan(0);
  });

  for (const query of queries) {
    it(`${query.name} (${query.mode})`, async () => {
      const summary = await explain(driver, query);
      if (query.mode === 'READ') expect(summary.queryType, 'a READ query must not write').toBe('r');
      const deprecations = summary.notifications
        .filter((notification) => notification.code.includes('Deprecat'))
        .map((notification) => `${notification.title}: ${notification.description}`);
      expect(deprecations).toEqual([]);
      // A query planned once (`replan=skip`) keeps the plan it got first, perhaps on an empty
      // database: it must find every node by an index seek, never by scanning a label.
      if (/^CYPHER replan=skip$/m.test(query.text)) expect(scans(summary.plan)).toEqual([]);
    });
  }
});

interface PlanNode {
  operatorType: string;
  children: PlanNode[];
}

/** The operators of a plan that scan a label, a relationship type or the whole graph. */
function scans(plan: PlanNode | false): string[] {
  if (!plan) return ['no plan'];
  const own = /Scan/.test(plan.operatorType) ? [plan.operatorType] : [];
  return [...own, ...plan.children.flatMap(scans)];
}
