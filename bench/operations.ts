import type { DemoScenario } from '../seed/src/scenario';

type Gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Variables = Record<string, unknown>;

/** One measured GraphQL operation: what an investigator, scientist or auditor asks. */
export interface Operation {
  name: 'why' | 'lineage' | 'search' | 'impact' | 'neighbours';
  what: string;
  query: string;
}

const MODEL_FIELDS = `id name version algorithm framework format digest status metrics hyperparameters weight
  uploadedBy { id name }
  training { id params codeVersion engine environment searchGroupId purpose triggeredBy { id name }
    pipelineNode { id name role }
    datasetVersions { id version digest dataset { id name classification } }
    features { id name classification }
    searchSiblings { id params producedModelVersionIds metrics } }
  approvals { id decision at comment reviewer { id name } ion { id name } }`;

/** The investigator's one round trip, with the fields the why view shows. */
const WHY = `query Why($subjectKey: String, $at: DateTime) {
  why(subjectKey: $subjectKey, at: $at) {
    prediction { id requestId subjectKey at inputs output score attributions { feature contribution } }
    inferenceRun { id kind codeVersion engine host startedAt pipelineNode { id name role } }
    ionInstance { id startedAt } ion { id name version }
    models { ${MODEL_FIELDS} members { ${MODEL_FIELDS} } }
    deployment { id role from to modelVersionId approvalId }
    control { predictionId output score modelVersionIds differs }
    events { id type at message runId }
    reproducibility { modelVersionId missing complete } reproducible
    subgraph { nodes { id type label } edges { source target type } }
  }
}`;

const LINEAGE = `query Lineage($nodeId: String!) {
  lineage(nodeId: $nodeId, direction: UPSTREAM, depth: 10) {
    nodes { id type label properties aggregate { count relType of } }
    edges { source target type }
    depth depthCapped truncated { nodeId relType count }
  }
}`;

const SEARCH = `query Search($datasetId: ID, $featureId: ID) {
  searchModels(filter: { datasetId: $datasetId, featureId: $featureId, metrics: [{ name: "auc", min: 0.8 }], status: APPROVED }, first: 20) {
    edges { node { id name algorithm framework status metrics createdAt } }
    pageInfo { hasNextPage endCursor } totalCount
  }
}`;

const IMPACT = `query Impact($nodeId: String!) {
  impact(nodeId: $nodeId, first: 50) {
    rootId runCount modelVersionCount predictionCount truncated
    modelVersions { id } deployments { id } pipelineNodes { id } ions { id }
  }
}`;

/** The explorer paging an aggregate: a page of a model version's predictions from a random point. */
const NEIGHBOURS = `query Neighbours($nodeId: String!, $after: String) {
  lineageNeighbours(nodeId: $nodeId, relType: "USED", type: "Prediction", first: 50, after: $after) {
    nodes { id type label } edges { source target type } endCursor hasNextPage
  }
}`;

export const OPERATIONS: Operation[] = [
  { name: 'why', what: 'why(subjectKey, at) with the full investigator selection', query: WHY },
  { name: 'lineage', what: 'lineage UPSTREAM depth 10 from a prediction', query: LINEAGE },
  { name: 'search', what: 'searchModels by dataset or feature, auc >= 0.8, APPROVED', query: SEARCH },
  { name: 'impact', what: 'impact of the busiest dataset versions (counts + first page)', query: IMPACT },
  { name: 'neighbours', what: 'lineageNeighbours: 50 predictions of a model version after a random cursor', query: NEIGHBOURS },
];

/** Deterministic pseudo-random indexes, so two runs ask the same questions. */
function* indexes(count: number, limit: number): Generator<number> {
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    yield state % limit;
  }
}

/**
 * Inputs for each operation, from the generator's ground truth: random subjects and times for
 * `why`, random predictions for `lineage`, every dataset/feature for `search`, and the dataset
 * versions with the most affected predictions for `impact`.
 */
export async function pickInputs(gql: Gql, scenario: DemoScenario, samples: number): Promise<Record<Operation['name'], Variables[]>> {
  const { truth } = scenario;
  const picks = [...indexes(samples, truth.requests)].map((i) => truth.truthForPrediction(i));
  const datasetVersionIds = [...new Set(picks.flatMap((p) => p.datasetVersionIds))];
  const featureIds = [...new Set(picks.flatMap((p) => p.featureIds))];
  const datasetIds = scenario.base.datasets.map((dataset) => dataset.id);

  // The busiest dataset versions: measure impact where it is heaviest.
  const sized: Array<{ id: string; count: number }> = [];
  for (const id of datasetVersionIds.slice(0, 60)) {
    const data = await gql<{ impact: { predictionCount: number } }>(IMPACT, { nodeId: id });
    sized.push({ id, count: data.impact.predictionCount });
  }
  const busiest = sized.sort((a, b) => b.count - a.count).slice(0, 10);

  return {
    why: picks.map((p) => ({ subjectKey: p.subjectKey, at: p.at })),
    lineage: picks.map((p) => ({ nodeId: p.predictionId })),
    search: [...datasetIds.map((datasetId) => ({ datasetId })), ...featureIds.map((featureId) => ({ featureId }))],
    impact: busiest.map(({ id }) => ({ nodeId: id })),
    // Every model version a sampled prediction used (ensembles and members: the largest fan-ins).
    neighbours: picks
      .filter((p) => p.modelVersionIds.length > 0)
      .map((p, i) => ({ nodeId: p.modelVersionIds[i % p.modelVersionIds.length], after: p.predictionId })),
  };
}
