import { type ASTNode, type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { COST_ARGUMENTS, type DeclaredEstimator } from './cost';

/** Costs kept per document and operation; past it the oldest half is dropped. */
const MAX_COSTS_PER_OPERATION = 512;

interface OperationCosts {
  /** The variables the cost can depend on, sorted. */
  variables: string[];
  costs: Map<string, number>;
}

function variablesIn(node: ASTNode, into: Set<string>): void {
  visit(node, { Variable: (variable) => void into.add(variable.name.value) });
}

/**
 * The variables an operation's cost can depend on: those in directive arguments (`@skip`,
 * `@include` decide which fields count) and those in the arguments a field's cost estimator
 * reads (all of a field's arguments when its estimator does not declare them). Fields costing
 * a constant read none. Walks every definition of the document, so it never misses a fragment.
 */
export function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const found = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive: (directive) => variablesIn(directive, found),
      Field: (field) => {
        const estimator = typeInfo.getFieldDef()?.extensions?.complexity as DeclaredEstimator | number | undefined;
        if (typeof estimator !== 'function') return;
        const reads = estimator[COST_ARGUMENTS];
        for (const argument of field.arguments ?? []) if (!reads || reads.includes(argument.name.value)) variablesIn(argument, found);
      },
    }),
  );
  return [...found].sort();
}

/**
 * Operation costs, reused across requests: Apollo hands the same parsed document to every
 * request with the same query text, so the cost is computed once per document, operation and
 * values of the variables it can depend on (e.g. once for every `why`, whatever its subject;
 * once per depth for `lineage`). Documents are held weakly: evicted from Apollo's document
 * cache, their costs go too.
 */
export class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, OperationCosts>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** The cached cost, or `compute()`'s (cached unless undefined: variables that do not fit are refused later). */
  cost(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
    compute: () => number | undefined,
  ): number | undefined {
    let operations = this.byDocument.get(document);
    if (!operations) this.byDocument.set(document, (operations = new Map()));
    const name = operationName ?? '';
    let entry = operations.get(name);
    if (!entry) operations.set(name, (entry = { variables: costVariables(this.schema, document), costs: new Map() }));
    // Absent and null differ: an absent variable takes its default.
    const key = JSON.stringify(entry.variables.map((variable) => (variables && Object.hasOwn(variables, variable) ? [variables[variable]] : [])));
    const cached = entry.costs.get(key);
    if (cached !== undefined) return cached;
    const cost = compute();
    if (cost === undefined) return cost;
    if (entry.costs.size >= MAX_COSTS_PER_OPERATION) {
      for (const old of [...entry.costs.keys()].slice(0, MAX_COSTS_PER_OPERATION / 2)) entry.costs.delete(old);
    }
    entry.costs.set(key, cost);
    return cost;
  }
}
