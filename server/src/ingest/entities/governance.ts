import type { ApprovalInput, DeploymentInput } from '@ion-lineage/contract';
import type { EntitySpec, Ref } from '../engine';
import { approvalSchema, deploymentSchema } from '@ion-lineage/contract/schemas';
import { refuseOverlappingPrimaries } from './deployment-overlap';
import { orNull } from './to-row';

function approvalRefs(item: ApprovalInput): Ref[] {
  const refs: Ref[] = [
    { field: 'modelVersionId', label: 'ModelVersion', id: item.modelVersionId },
    { field: 'ionId', label: 'ION', id: item.ionId },
    { field: 'principalId', label: 'Principal', id: item.principalId },
  ];
  if (item.policyRunId) refs.push({ field: 'policyRunId', label: 'Run', id: item.policyRunId });
  return refs;
}

export const approvalSpec: EntitySpec<ApprovalInput> = {
  part: 'approvals',
  label: 'Approval',
  schema: approvalSchema,
  key: (item) => item.id,
  refs: approvalRefs,
  toRow: (item, hash) => ({
    id: item.id,
    modelVersionId: item.modelVersionId,
    ionId: item.ionId,
    principalId: item.principalId,
    decision: item.decision,
    at: item.at,
    comment: orNull(item.comment),
    policyRunId: orNull(item.policyRunId),
    hash,
  }),
  writeQueries: ['ingest/approvals'],
  outboxQueries: ['webhooks/outbox-approvals'],
};

function deploymentRefs(item: DeploymentInput): Ref[] {
  const refs: Ref[] = [
    { field: 'modelVersionId', label: 'ModelVersion', id: item.modelVersionId },
    { field: 'pipelineNodeId', label: 'PipelineNode', id: item.pipelineNodeId },
  ];
  if (item.approvalId) refs.push({ field: 'approvalId', label: 'Approval', id: item.approvalId });
  return refs;
}

export const deploymentSpec: EntitySpec<DeploymentInput> = {
  part: 'deployments',
  label: 'Deployment',
  schema: deploymentSchema,
  key: (item) => item.id,
  refs: deploymentRefs,
  toRow: (item, hash) => ({
    id: item.id,
    modelVersionId: item.modelVersionId,
    pipelineNodeId: item.pipelineNodeId,
    role: item.role,
    from: item.from,
    to: orNull(item.to),
    approvalId: orNull(item.approvalId),
    hash,
  }),
  writeQueries: ['ingest/deployments'],
  checkWritten: refuseOverlappingPrimaries,
  outboxQueries: ['webhooks/outbox-deployments'],
};
