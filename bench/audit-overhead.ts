import { graphqlClient } from '../server/src/graphql/graphql-client';
import { startServerProcess } from './server-process';
import { summarize, type LatencySummary } from './stats';

type Gql = ReturnType<typeof graphqlClient>;

/** `why` latency with the access audit recording reads and without (AUDIT_READS=false). */
export interface AuditOverhead {
  audited: LatencySummary;
  unaudited: LatencySummary;
  /** audited p50 / unaudited p50. */
  p50Ratio: number;
  p50DeltaMs: number;
}

/** One operation to measure with and without the audit. */
export interface AuditedOperation {
  name: string;
  query: string;
  inputs: ReadonlyArray<Record<string, unknown>>;
}

/**
 * Measures what recording reads costs each operation (`why`, `lineage`, `impact`): a second
 * server process with AUDIT_READS=false on the same Neo4j, and requests alternating between it
 * and the audited one, so both see the same warm database, the same load and the same inputs.
 */
export async function measureAuditOverheads(
  neo4jUri: string,
  audited: Gql,
  operations: readonly AuditedOperation[],
  samples: number,
  warmup: number,
): Promise<Record<string, AuditOverhead>> {
  const server = await startServerProcess(neo4jUri, { AUDIT_READS: 'false' });
  try {
    const unaudited = graphqlClient(server.url, server.token);
    const results: Record<string, AuditOverhead> = {};
    for (const operation of operations) {
      const { query, inputs } = operation;
      const timed = async (gql: Gql, variables: Record<string, unknown>) => {
        const started = performance.now();
        await gql(query, variables);
        return performance.now() - started;
      };
      for (let i = 0; i < warmup; i++) await timed(unaudited, inputs[i % inputs.length]!);
      const on: number[] = [];
      const off: number[] = [];
      for (let i = 0; i < samples; i++) {
        const variables = inputs[i % inputs.length]!;
        // Alternate which goes first, so neither always meets the other's freshly warmed cache.
        if (i % 2 === 0) {
          on.push(await timed(audited, variables));
          off.push(await timed(unaudited, variables));
        } else {
          off.push(await timed(unaudited, variables));
          on.push(await timed(audited, variables));
        }
      }
      const summaryOn = summarize(on);
      const summaryOff = summarize(off);
      results[operation.name] = {
        audited: summaryOn,
        unaudited: summaryOff,
        p50Ratio: Math.round((summaryOn.p50 / summaryOff.p50) * 100) / 100,
        p50DeltaMs: Math.round((summaryOn.p50 - summaryOff.p50) * 100) / 100,
      };
    }
    return results;
  } finally {
    await server.stop();
  }
}
