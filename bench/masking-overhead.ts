import { graphqlClient } from '../server/src/graphql/graphql-client';
import { summarize, type LatencySummary } from './stats';

/** `why` as a cleared caller (everything in clear) and as an uncleared one (restricted data masked or withheld). */
export interface MaskingOverhead {
  cleared: LatencySummary;
  masked: LatencySummary;
  /** masked p50 / cleared p50. */
  p50Ratio: number;
  p99Ratio: number;
}

/** The why view's selection, by prediction id (an uncleared caller may not look up by subject key). */
export const WHY_BY_ID = `query WhyById($predictionId: String!) {
  why(predictionId: $predictionId) {
    prediction { id requestId subjectKey at inputs output score attributions { feature contribution } masked }
    inferenceRun { id kind codeVersion startedAt pipelineNode { id name role } }
    models { id name version status training { id datasetVersions { id dataset { id classification } } features { id classification } } members { id name } }
    control { predictionId output differs }
    events { id type at message details runId }
    subgraph { nodes { id type label } edges { source target type } }
  }
}`;

/**
 * What the restricted-data policy costs `why`: the same server, the same predictions, requests
 * alternating between a cleared token and an uncleared one (whose answer is masked field by
 * field, after one classification lookup per request).
 */
export async function measureMaskingOverhead(
  url: string,
  tokens: { cleared: string; uncleared: string },
  predictionIds: readonly string[],
  samples: number,
  warmup: number,
): Promise<MaskingOverhead> {
  const clients = { cleared: graphqlClient(url, tokens.cleared), masked: graphqlClient(url, tokens.uncleared) };
  const timed = async (which: keyof typeof clients, predictionId: string) => {
    const started = performance.now();
    await clients[which](WHY_BY_ID, { predictionId });
    return performance.now() - started;
  };
  for (let i = 0; i < warmup; i++) {
    await timed('cleared', predictionIds[i % predictionIds.length]!);
    await timed('masked', predictionIds[i % predictionIds.length]!);
  }
  const cleared: number[] = [];
  const masked: number[] = [];
  for (let i = 0; i < samples; i++) {
    const id = predictionIds[i % predictionIds.length]!;
    // Alternate which goes first, so neither always meets the other's freshly warmed cache.
    if (i % 2 === 0) {
      cleared.push(await timed('cleared', id));
      masked.push(await timed('masked', id));
    } else {
      masked.push(await timed('masked', id));
      cleared.push(await timed('cleared', id));
    }
  }
  const c = summarize(cleared);
  const m = summarize(masked);
  return { cleared: c, masked: m, p50Ratio: Math.round((m.p50 / c.p50) * 100) / 100, p99Ratio: Math.round((m.p99 / c.p99) * 100) / 100 };
}
