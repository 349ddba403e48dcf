/** The drawable subgraph of a why answer: its nodes and the stored relationships between them. */
import type { WhyAnswer, WhyModel, WhySubgraph } from './why.types';

/** Every model of the answer, ensembles and members, once each. */
export function flattenModels(models: readonly WhyModel[]): WhyModel[] {
  const seen = new Map<string, WhyModel>();
  const visit = (model: WhyModel) => {
    if (!seen.has(model.id)) seen.set(model.id, model);
    model.members.forEach(visit);
  };
  models.forEach(visit);
  return [...seen.values()];
}

/** Nodes and stored relationships of the answer, deduplicated, for a client to draw. */
export function buildSubgraph(answer: Omit<WhyAnswer, 'subgraph'>): WhySubgraph {
  const nodes = new Map<string, WhySubgraph['nodes'][number]>();
  const edges = new Map<string, WhySubgraph['edges'][number]>();
  const node = (id: string | null | undefined, type: string, label: string | null | undefined) => {
    if (id && !nodes.has(id)) nodes.set(id, { id, type, label: label || id });
  };
  const edge = (source: string | null | undefined, type: string, target: string | null | undefined) => {
    if (source && target) edges.set(`${source}|${type}|${target}`, { source, target, type });
  };
  const { prediction: p, inferenceRun: run } = answer;
  node(p.id, 'Prediction', `${p.subjectKey} → ${p.output}`);
  // The policy masks the key in this label for uncleared callers (WhySubgraphNode.label).
  nodes.get(p.id)!.subjectKey = p.subjectKey;
  node(run.id, 'Run', `${run.kind ?? 'Run'} ${run.id}`);
  edge(p.id, 'MADE_BY', run.id);
  if (run.pipelineNode) {
    node(run.pipelineNode.id, 'PipelineNode', run.pipelineNode.name);
    edge(run.id, 'OF_NODE', run.pipelineNode.id);
  }
  node(answer.ionInstance?.id, 'IONInstance', answer.ionInstance?.id);
  edge(run.id, 'IN_INSTANCE', answer.ionInstance?.id);
  node(answer.ion?.id, 'ION', answer.ion?.name);
  edge(answer.ionInstance?.id, 'INSTANCE_OF', answer.ion?.id);
  if (!answer.ionInstance) edge(answer.ion?.id, 'HAS_NODE', run.pipelineNode?.id);
  for (const model of answer.models) edge(p.id, 'USED', model.id);
  for (const model of flattenModels(answer.models)) {
    node(model.id, 'ModelVersion', model.name ?? model.version);
    for (const member of model.members) edge(model.id, 'HAS_MEMBER', member.id);
    node(model.modelId, 'Model', model.modelName);
    edge(model.id, 'VERSION_OF', model.modelId);
    const training = model.training;
    if (training) {
      node(training.id, 'Run', `TRAINING ${training.id}`);
      edge(training.id, 'PRODUCED', model.id);
      for (const dv of training.datasetVersions) {
        node(dv.id, 'DatasetVersion', dv.version ? `${dv.dataset?.name ?? dv.id} ${dv.version}` : dv.id);
        edge(training.id, 'READ', dv.id);
        node(dv.dataset?.id, 'Dataset', dv.dataset?.name);
        edge(dv.id, 'VERSION_OF', dv.dataset?.id);
      }
      for (const feature of training.features) {
        node(feature.id, 'Feature', feature.name);
        edge(training.id, 'USED_FEATURE', feature.id);
      }
    }
    for (const approval of model.approvals) {
      node(approval.id, 'Approval', `${approval.decision} ${approval.id}`);
      edge(approval.id, 'REVIEWS', model.id);
      node(approval.reviewer?.id, 'Principal', approval.reviewer?.name);
      edge(approval.reviewer?.id, 'DECIDED', approval.id);
      node(approval.ion?.id, 'ION', approval.ion?.name);
      edge(approval.id, 'FOR_ION', approval.ion?.id);
    }
  }
  for (const deployment of answer.deployments) {
    node(deployment.id, 'Deployment', `${deployment.role ?? 'Deployment'} ${deployment.id}`);
    edge(deployment.id, 'TO_NODE', run.pipelineNode?.id);
    if (deployment.modelVersionId && nodes.has(deployment.modelVersionId)) edge(deployment.id, 'DEPLOYS', deployment.modelVersionId);
    if (deployment.approvalId && nodes.has(deployment.approvalId)) edge(deployment.id, 'AUTHORIZED_BY', deployment.approvalId);
  }
  const control = answer.control;
  if (control) {
    node(control.predictionId, 'Prediction', `control → ${control.output}`);
    node(control.runId, 'Run', `CONTROL ${control.runId}`);
    edge(control.predictionId, 'MADE_BY', control.runId);
    if (control.pipelineNode) {
      node(control.pipelineNode.id, 'PipelineNode', control.pipelineNode.name);
      edge(control.runId, 'OF_NODE', control.pipelineNode.id);
    }
    for (const id of control.modelVersionIds) {
      node(id, 'ModelVersion', id);
      edge(control.predictionId, 'USED', id);
    }
  }
  for (const event of answer.events) {
    node(event.id, 'Event', `${event.type}: ${event.message ?? event.id}`);
    edge(event.id, 'DURING', event.runId);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
