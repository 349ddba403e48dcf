import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode, type ValidationRule } from 'graphql';
import { createRequire } from 'node:module';
import { ErrorCode, LineageError } from '../errors';
import type { ExpensiveRequestLimiter } from './concurrency';
import { CostCache } from './cost-cache';
import type { RequestContext } from './context';

// Required, not imported, on purpose: its ES build imports `graphql/index.mjs`, a second copy
// of graphql beside the CommonJS one type-graphql loads (Node and vitest alike), and every
// query then failed with "Cannot use GraphQLSchema from another module or realm". The
// CommonJS build requires `graphql` and so shares the one copy.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/** Deepest selection a client may ask for; the why view needs 7 levels. */
export const MAX_QUERY_DEPTH = 12;
/** Most fields one operation may select (fragments expanded); the why view uses about 200. */
export const MAX_QUERY_FIELDS = 2_000;

/** Rejects over-deep selections while validating, before anything runs. */
export function depthRule(): ValidationRule {
  return depthLimit(MAX_QUERY_DEPTH);
}

/** Highest cost one operation may have (QUERY_COST_LIMIT); one maximal lineage walk costs about 10,000. */
export const DEFAULT_MAX_QUERY_COST = 25_000;
/** Operations costing at least this much (EXPENSIVE_QUERY_COST) count against the per-principal cap. */
export const DEFAULT_EXPENSIVE_QUERY_COST = 5_000;

/** Default for MAX_EXPENSIVE_PER_PRINCIPAL: expensive requests one caller may have in flight. */
export const DEFAULT_MAX_EXPENSIVE_PER_PRINCIPAL = 2;

/** How query cost is bounded; see README "Configuration". */
export interface CostLimits {
  maxCost: number;
  expensiveCost: number;
}

/** The request limits a deployment may tune (QUERY_COST_LIMIT, EXPENSIVE_QUERY_COST, MAX_EXPENSIVE_PER_PRINCIPAL). */
export interface RequestLimits extends CostLimits {
  maxExpensivePerPrincipal: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxCost: DEFAULT_MAX_QUERY_COST,
  expensiveCost: DEFAULT_EXPENSIVE_QUERY_COST,
  maxExpensivePerPrincipal: DEFAULT_MAX_EXPENSIVE_PER_PRINCIPAL,
};

/**
 * Counts the fields an operation selects, expanding fragments (each spread counted where it
 * is used, so fragment bombs add up). Kept beside the cost analysis: it bounds the size of the
 * answer, the cost bounds the work behind it.
 */
export function countSelectedFields(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;

  const count = (set: SelectionSetNode | undefined, depth: number): number => {
    // Validation rejects fragment cycles, but stay safe if this runs on unvalidated input.
    if (!set || depth > 64) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, depth + 1);
      else total += count(fragments.get(selection.name.value)?.selectionSet, depth + 1);
      if (total > MAX_QUERY_FIELDS) return total;
    }
    return total;
  };
  return count(operation.selectionSet, 0);
}

/** Refuses operations that select too many fields with LIMIT_EXCEEDED, before any resolver runs. */
export function fieldCountPlugin(): ApolloServerPlugin {
  // Counted once per parsed document and operation (Apollo reuses the document for the same text).
  const counted = new WeakMap<DocumentNode, Map<string, number>>();
  const countOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let byOperation = counted.get(document);
    if (!byOperation) counted.set(document, (byOperation = new Map()));
    let fields = byOperation.get(operationName ?? '');
    if (fields === undefined) byOperation.set(operationName ?? '', (fields = countSelectedFields(document, operationName)));
    return fields;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const fields = countOf(document, request.operationName);
          if (fields > MAX_QUERY_FIELDS) {
            throw new LineageError(
              ErrorCode.LIMIT_EXCEEDED,
              `Query selects more than ${MAX_QUERY_FIELDS} fields (fragments expanded); split it or select fewer fields.`,
              [],
              400,
            );
          }
        },
      };
    },
  };
}

/**
 * The cost of one operation, from the costs declared on the schema's fields (`complexity` in
 * the resolvers' decorators, see cost.ts) and 1 for every other field; aliases, fragments and
 * variables all count. Undefined when the variables do not fit the operation: execution then
 * refuses them with the usual BAD_USER_INPUT before anything runs.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName: operationName ?? undefined,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    if (/maximum allowed number of nodes/.test((error as Error).message)) return Number.POSITIVE_INFINITY;
    return undefined;
  }
}

const formatCost = (cost: number) => (Number.isFinite(cost) ? cost.toLocaleString('en-US') : 'more than can be counted');

/**
 * Prices every query before it runs: over `maxCost` it is refused with LIMIT_EXCEEDED naming
 * its cost and the limit (HTTP 400). From `expensiveCost` on it takes one of the caller's
 * slots in `limiter` for as long as it runs, or is refused with LIMIT_EXCEEDED (HTTP 429) when
 * the caller already has that many expensive requests in flight. Costs are cached per document,
 * operation and the variables they depend on (cost-cache.ts). Writes are bounded by batch
 * and body size instead, and are not priced (pricing would coerce 10,000-item batches twice).
 */
export function costPlugin(limits: CostLimits, limiter: ExpensiveRequestLimiter): ApolloServerPlugin<RequestContext> {
  const caches = new WeakMap<GraphQLSchema, CostCache>();
  const cacheFor = (schema: GraphQLSchema) => caches.get(schema) ?? caches.set(schema, new CostCache(schema)).get(schema)!;
  return {
    async requestDidStart() {
      let release: (() => void) | undefined;
      return {
        async didResolveOperation({ request, document, schema, operation, contextValue }) {
          if (operation?.operation !== 'query') return;
          const cost = cacheFor(schema).cost(document, request.operationName, request.variables, () =>
            operationCost(schema, document, request.variables, request.operationName),
          );
          if (cost === undefined) return;
          if (cost > limits.maxCost) {
            const error = new LineageError(
              ErrorCode.LIMIT_EXCEEDED,
              `Query cost of ${formatCost(cost)} exceeds the limit of ${formatCost(limits.maxCost)}: lower depth, neighbourLimit or page sizes, or split the aliases over several requests.`,
              [],
              400,
            );
            Object.assign(error.extensions, { cost: Number.isFinite(cost) ? cost : null, limit: limits.maxCost });
            throw error;
          }
          if (cost < limits.expensiveCost) return;
          release = limiter.acquire(contextValue.principal.id);
          if (!release) {
            throw new LineageError(
              ErrorCode.LIMIT_EXCEEDED,
              `Too many expensive requests in flight for this caller (at most ${limiter.maxPerPrincipal} costing ${formatCost(limits.expensiveCost)} or more; this one costs ${formatCost(cost)}): wait for one to finish.`,
              [],
              429,
            );
          }
        },
        async willSendResponse() {
          release?.();
        },
      };
    },
  };
}
