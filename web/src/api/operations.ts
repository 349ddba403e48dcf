/**
 * GraphQL operations of the UI and the shapes they return (typed by hand from
 * server/schema.graphql; only the fields each view reads).
 */
import type { GraphEdge, GraphNode } from '../graph/model';

export interface SearchHit {
  id: string;
  kind: string;
  name: string | null;
  description: string | null;
}
export interface PredictionHit {
  id: string;
  requestId: string;
  subjectKey: string;
  at: string;
  output: string | null;
  score: number | null;
  /** Kind of the run that made it; CONTROL marks a control pipeline's prediction. */
  role: string | null;
}
export interface SearchResults {
  exact: SearchHit[];
  subjectPredictions: PredictionHit[];
  /** False when the caller has no clearance: subject keys were not searched. */
  subjectKeysSearched: boolean;
  modelVersions: SearchHit[];
  models: SearchHit[];
  datasets: SearchHit[];
  features: SearchHit[];
  ions: SearchHit[];
  pipelineNodes: SearchHit[];
  principals: SearchHit[];
}
const HIT = 'id kind name description';
export const SEARCH_ALL = `query SearchAll($text: String!, $first: Int!) {
  searchAll(text: $text, first: $first) {
    exact { ${HIT} } subjectPredictions { id requestId subjectKey at output score role } subjectKeysSearched
    modelVersions { ${HIT} } models { ${HIT} } datasets { ${HIT} } features { ${HIT} }
    ions { ${HIT} } pipelineNodes { ${HIT} } principals { ${HIT} }
  }
}`;

export interface WhyPrincipal { id: string; name: string | null; kind: string | null }
export interface WhyIon { id: string; name: string | null }
export interface WhyApproval { id: string; decision: string; at: string; comment: string | null; reviewer: WhyPrincipal | null; ion: WhyIon | null }
export interface WhyModel {
  id: string;
  name: string | null;
  modelName: string | null;
  version: string | null;
  status: string | null;
  weight: number | null;
  algorithm: string | null;
  approvals: WhyApproval[];
  members: WhyModel[];
}
export interface WhyAnswer {
  prediction: { id: string; requestId: string; subjectKey: string; at: string; output: string; score: number | null; attributions: Array<{ feature: string; contribution: number }>; inputs: unknown; masked: boolean };
  models: WhyModel[];
  inferenceRun: { id: string; kind: string | null; startedAt: string | null; status: string | null; codeVersion: string | null; pipelineNode: { id: string; name: string | null } | null };
  ion: WhyIon | null;
  deployment: { id: string; role: string | null; from: string | null; to: string | null; approvalId: string | null; modelVersionId: string | null } | null;
  control: { predictionId: string; output: string; score: number | null; differs: boolean; modelVersionIds: string[]; pipelineNode: { id: string; name: string | null } | null } | null;
  events: Array<{ id: string; type: string; at: string; message: string | null; runId: string }>;
  reproducible: boolean;
  reproducibility: Array<{ modelVersionId: string; complete: boolean; missing: string[] }>;
  subgraph: { nodes: Array<{ id: string; type: string; label: string }>; edges: Array<{ source: string; target: string; type: string }> };
}
const APPROVAL = 'id decision at comment reviewer { id name kind } ion { id name }';
const MODEL = `id name modelName version status weight algorithm approvals { ${APPROVAL} }`;
export const WHY = `query Why($predictionId: String, $subjectKey: String, $at: DateTime) {
  why(predictionId: $predictionId, subjectKey: $subjectKey, at: $at) {
    prediction { id requestId subjectKey at output score attributions { feature contribution } inputs masked }
    models { ${MODEL} members { ${MODEL} } }
    inferenceRun { id kind startedAt status codeVersion pipelineNode { id name } }
    ion { id name }
    deployment { id role from to approvalId modelVersionId }
    control { predictionId output score differs modelVersionIds pipelineNode { id name } }
    events { id type at message runId }
    reproducible reproducibility { modelVersionId complete missing }
    subgraph { nodes { id type label } edges { source target type } }
  }
}`;

export interface LineageGraph {
  root: GraphNode;
  nodes: GraphNode[];
  edges: GraphEdge[];
  depth: number;
  depthCapped: boolean;
  nodeLimitReached: boolean;
}
const NODE = 'id type label properties aggregate { count of relType outgoing }';
export const LINEAGE = `query Lineage($nodeId: String!, $depth: Int!, $direction: LineageDirection!) {
  lineage(nodeId: $nodeId, depth: $depth, direction: $direction) {
    root { ${NODE} } nodes { ${NODE} } edges { source target type properties } depth depthCapped nodeLimitReached
  }
}`;

export interface NeighbourPage { nodes: GraphNode[]; edges: GraphEdge[]; endCursor: string | null; hasNextPage: boolean }
export const LINEAGE_NEIGHBOURS = `query Neighbours($nodeId: String!, $relType: String!, $type: String!, $outgoing: Boolean, $first: Int!, $after: String) {
  lineageNeighbours(nodeId: $nodeId, relType: $relType, type: $type, outgoing: $outgoing, first: $first, after: $after) {
    nodes { ${NODE} } edges { source target type properties } endCursor hasNextPage
  }
}`;

export interface PrincipalRef { id: string; name: string; kind: string }
export interface DecisionView { id: string; decision: string; at: string; comment: string | null; reviewer: PrincipalRef }
export interface ModelVersionView {
  id: string;
  name: string;
  version: string;
  modelName: string | null;
  modelDescription: string | null;
  algorithm: string;
  framework: string | null;
  format: string;
  status: string;
  createdAt: string;
  digest: string | null;
  artifactUri: string | null;
  metrics: Record<string, unknown> | null;
  hyperparameters: Record<string, unknown> | null;
  predictionCount: number;
  members: Array<{ modelVersionId: string; name: string; status: string; weight: number }>;
  memberOf: Array<{ modelVersionId: string; name: string; status: string; weight: number }>;
  lineage: {
    origin: string;
    trainingRunId: string | null;
    trainingStartedAt: string | null;
    trainingEndedAt: string | null;
    codeVersion: string | null;
    pipelineNodeName: string | null;
    ionId: string | null;
    ionName: string | null;
    purpose: string | null;
    triggeredBy: PrincipalRef | null;
    uploadedBy: PrincipalRef | null;
    datasetVersionCount: number;
    featureCount: number;
    datasetVersions: Array<{ id: string; datasetName: string; version: string | null; classification: string }>;
    features: Array<{ id: string; name: string; classification: string }>;
  };
  decisionsByIon: Array<{ ionId: string; ionName: string; current: string; decisions: DecisionView[] }>;
  usage: Array<{
    ionId: string | null;
    ionName: string | null;
    active: boolean;
    nodes: Array<{ pipelineNodeId: string; pipelineNodeName: string; pipelineRole: string; totalSeconds: number; periods: Array<{ deploymentId: string; role: string; from: string; to: string | null; durationSeconds: number; active: boolean; approvalId: string | null }> }>;
  }>;
}
const LINK = 'modelVersionId name status weight';
const PRINCIPAL = 'id name kind';
export const MODEL_VERSION = `query ModelVersion($id: String!) {
  modelVersion(id: $id) {
    id name version modelName modelDescription algorithm framework format status createdAt digest artifactUri metrics hyperparameters predictionCount
    members { ${LINK} } memberOf { ${LINK} }
    lineage {
      origin trainingRunId trainingStartedAt trainingEndedAt codeVersion pipelineNodeName ionId ionName purpose
      triggeredBy { ${PRINCIPAL} } uploadedBy { ${PRINCIPAL} } datasetVersionCount featureCount
      datasetVersions { id datasetName version classification } features { id name classification }
    }
    decisionsByIon { ionId ionName current decisions { id decision at comment reviewer { ${PRINCIPAL} } } }
    usage { ionId ionName active nodes { pipelineNodeId pipelineNodeName pipelineRole totalSeconds periods { deploymentId role from to durationSeconds active approvalId } } }
  }
}`;

export interface IonView {
  id: string;
  name: string;
  version: string;
  description: string | null;
  policy: Record<string, unknown> | null;
  instanceCount: number;
  nodes: Array<{ id: string; name: string; role: string; engine: string | null }>;
  edges: Array<{ from: string; to: string; message: string }>;
}
export const ION = `query Ion($id: String!) {
  ion(id: $id) { id name version description policy instanceCount nodes { id name role engine } edges { from to message } }
}`;

export interface IonTimeline {
  limit: number;
  from: string | null;
  to: string | null;
  truncated: boolean;
  approvals: Array<{ id: string; at: string; decision: string; modelVersionId: string; modelVersionName: string; reviewer: { name: string } | null }>;
  nodes: Array<{
    node: { id: string; name: string; role: string };
    truncated: boolean;
    runs: Array<{ id: string; startedAt: string; endedAt: string | null; status: string }>;
    events: Array<{ id: string; at: string; type: string; message: string }>;
    models: Array<{ id: string; name: string; createdAt: string }>;
  }>;
}
export const ION_TIMELINE = `query IonTimeline($ionId: String!, $limit: Int!) {
  ionTimeline(ionId: $ionId, limit: $limit) {
    from to truncated limit
    approvals { id at decision modelVersionId modelVersionName reviewer { name } }
    nodes { node { id name role } truncated runs { id startedAt endedAt status } events { id at type message } models { id name createdAt } }
  }
}`;

export interface RunStagesResult {
  stages: Array<{ id: string; name: string; type: string; stats: Record<string, unknown> | null }>;
  edges: Array<{ from: string; to: string }>;
}
export const RUN_STAGES = `query RunStages($runId: String!) {
  runStages(runId: $runId) { stages { id name type stats } edges { from to } }
}`;

/** Who the server says the caller is (the account shown beside "Sign out"). */
export interface Me {
  id: string;
  name: string;
  roles: string[];
}
export const ME = `query Me { me { id name roles } }`;
