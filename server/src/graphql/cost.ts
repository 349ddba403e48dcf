/**
 * What each expensive root field costs, declared on the field itself through type-graphql's
 * `complexity` option (read by graphql-query-complexity's field-extensions estimator). Every
 * other field costs 1. A cost counts the work a field makes Neo4j do: the nodes a walk may
 * expand, the rows a page reads. Arguments are clamped to the ranges the services accept, so
 * an out-of-range value gets its own BAD_USER_INPUT rather than a cost error.
 */
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';

/** Tag on an estimator: the arguments it reads (see `costArguments`). */
export const COST_ARGUMENTS = Symbol('costArguments');

/** An estimator that says which of its field's arguments it reads. */
export type DeclaredEstimator = ComplexityEstimator & { [COST_ARGUMENTS]?: readonly string[] };

/**
 * Declares the arguments an estimator reads, so a cost can be reused across requests whose
 * variables differ only elsewhere (cost-cache.ts). An estimator without it is taken to read
 * every argument of its field.
 */
export function costArguments(names: readonly string[], estimator: ComplexityEstimator): DeclaredEstimator {
  return Object.assign(estimator, { [COST_ARGUMENTS]: names });
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : fallback;
}

/**
 * A lineage walk: each hop may expand up to `neighbourLimit` neighbours per group, both ways
 * for BOTH, so the work grows with depth × neighbourLimit × directions (depth 0 reads the root).
 */
export const walkCost: ComplexityEstimator = costArguments(['depth', 'neighbourLimit', 'direction'], ({ args, childComplexity }: ComplexityEstimatorArgs) => {
  const depth = clamp(args.depth, 0, 10, 3);
  const neighbourLimit = clamp(args.neighbourLimit, 1, 500, 50);
  const directions = args.direction === 'BOTH' ? 2 : 1;
  return Math.max(1, depth) * neighbourLimit * directions + childComplexity;
});

/**
 * A page of `argument` rows (clamped to `max`) on top of a fixed `base` for the lookups done
 * once per call. With `perRow`, each row carries the selected fields (a list of hits); without,
 * the rows are spread over several short lists and the selection adds once.
 */
export function pageCost(argument: string, max: number, base: number, fallback: number, perRow = true): ComplexityEstimator {
  return costArguments([argument], ({ args, childComplexity }: ComplexityEstimatorArgs) => {
    const rows = clamp(args[argument], 1, max, fallback);
    return base + (perRow ? rows * Math.max(1, childComplexity) : rows + childComplexity);
  });
}

/** A fixed cost for answers of bounded size (why: one prediction, its models and their lineage). */
export function fixedCost(cost: number): ComplexityEstimator {
  return costArguments([], ({ childComplexity }: ComplexityEstimatorArgs) => cost + childComplexity);
}

/** The declared costs, by field (one place to read them; the fields point here). */
export const COST = {
  lineage: walkCost,
  exportSubgraph: walkCost,
  /** Neighbour pages: up to 1,000 nodes and edges per page. */
  lineageNeighbours: pageCost('first', 1_000, 10, 100),
  /** Up to 5,000 candidates filtered, then a page of up to 200 with provenance loaded per hit. */
  searchModels: pageCost('first', 200, 200, 20),
  searchFeatures: pageCost('first', 200, 100, 20),
  /** Fulltext, exact-id and subject-key lookups, each up to `first` hits. */
  searchAll: pageCost('first', 50, 100, 10),
  /** A downstream walk to the affected predictions, then a page of them. */
  impact: pageCost('first', 1_000, 500, 50, false),
  /** Up to `limit` runs, events, models and decisions per pipeline node. */
  ionTimeline: pageCost('limit', 5_000, 100, 500, false),
  complianceReport: pageCost('limit', 1_000, 500, 100, false),
  accessLog: pageCost('limit', 1_000, 10, 50),
  why: fixedCost(100),
  /** One prediction, its models and members run once each (plus a what-if version). */
  replay: fixedCost(100),
  /** One job node; up to 1,000 differing ids. */
  replayJob: fixedCost(20),
  classification: fixedCost(50),
  modelVersion: fixedCost(50),
  /** Subscriptions are capped (200); one read of them all. */
  webhooks: fixedCost(20),
  /** Pages of up to 500 outbox items or attempts, each from an index range. */
  webhookDeliveries: pageCost('first', 500, 10, 50),
  webhookDeadLetters: pageCost('first', 500, 10, 50),
  webhookAttempts: pageCost('first', 500, 10, 50),
  driftPolicy: fixedCost(1),
  /** Up to `limit` stored windows, each with a histogram. */
  driftSeries: pageCost('limit', 5_000, 50, 500, false),
  /** Up to 50 drifted windows, then a page of their predictions. */
  predictionsDuringDrift: pageCost('first', 1_000, 200, 100, false),
} satisfies Record<string, ComplexityEstimator>;
