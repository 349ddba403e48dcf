/**
 * Pure shaping of the governance view: decisions grouped per ION and deployments grouped per
 * ION and pipeline node. Kept apart from I/O so it is tested without Neo4j.
 */
import type * as C from '@ion-lineage/contract';
import type { DecisionView, InstanceRef, IonDecisions, IonUsage, NodeUsage } from './model-version.types';

export interface DecisionRow extends DecisionView {
  ionId: string | null;
  ionName: string | null;
}

export interface DeploymentRow {
  id: string;
  role: C.DeploymentRole;
  from: string;
  to: string | null;
  seconds: number;
  active: boolean;
  pipelineNodeId: string;
  pipelineNodeName: string;
  pipelineRole: C.PipelineRole;
  ionId: string | null;
  ionName: string | null;
  approvalId: string | null;
  instances: InstanceRef[];
}

/** Groups decisions (already in time order) per ION; the last decision of each is in force. */
export function groupDecisions(rows: readonly DecisionRow[]): IonDecisions[] {
  const byIon = new Map<string, IonDecisions>();
  for (const { ionId, ionName, ...decision } of rows) {
    // Every approval is written with FOR_ION; a missing one would be data written around ingest.
    const key = ionId ?? '';
    let group = byIon.get(key);
    if (!group) {
      group = { ionId: key, ionName: ionName ?? key, current: decision.decision, approvals: [], rejections: [], decisions: [] };
      byIon.set(key, group);
    }
    group.decisions.push(decision);
    (decision.decision === 'APPROVED' ? group.approvals : group.rejections).push(decision);
    group.current = decision.decision;
  }
  return [...byIon.values()].sort((a, b) => a.ionName.localeCompare(b.ionName) || a.ionId.localeCompare(b.ionId));
}

/** Groups deployment periods (already in time order) per ION, then per pipeline node. */
export function groupUsage(rows: readonly DeploymentRow[]): IonUsage[] {
  const byIon = new Map<string, IonUsage & { nodeMap: Map<string, NodeUsage> }>();
  for (const row of rows) {
    const ionKey = row.ionId ?? '';
    let ion = byIon.get(ionKey);
    if (!ion) {
      ion = { ionId: row.ionId, ionName: row.ionName, active: false, nodes: [], nodeMap: new Map() };
      byIon.set(ionKey, ion);
    }
    let node = ion.nodeMap.get(row.pipelineNodeId);
    if (!node) {
      node = { pipelineNodeId: row.pipelineNodeId, pipelineNodeName: row.pipelineNodeName, pipelineRole: row.pipelineRole, totalSeconds: 0, periods: [] };
      ion.nodeMap.set(row.pipelineNodeId, node);
      ion.nodes.push(node);
    }
    node.periods.push({
      deploymentId: row.id,
      role: row.role,
      from: row.from,
      to: row.to,
      durationSeconds: row.seconds,
      active: row.active,
      approvalId: row.approvalId,
      instances: row.instances,
    });
    node.totalSeconds += row.seconds;
    ion.active ||= row.active;
  }
  return [...byIon.values()].map(({ nodeMap: _unused, ...ion }) => ion);
}
