import type { DeploymentInput } from '@ion-lineage/contract';
import { ErrorCode, type FieldProblem, LineageError } from '../../errors';
import type { QueryRunner } from '../../store/executor';
import type { Written } from '../engine';

interface OverlapRow {
  id: string;
  otherId: string;
  pipelineNodeId: string;
  otherFrom: string;
  otherTo: string | null;
}

/**
 * Refuses PRIMARY deployments whose span overlaps another PRIMARY on the same pipeline node
 * (stored, or new in this batch): "which model served node N at T" must have one answer. Runs
 * after the batch's deployments are written, in the same transaction, so a refusal undoes the
 * whole batch. The nodes' write locks are taken first: two writers of overlapping spans on one
 * node cannot both pass (the second sees the first once it commits).
 */
export async function refuseOverlappingPrimaries(tx: QueryRunner, written: ReadonlyArray<Written<DeploymentInput>>): Promise<void> {
  const primaries = written.filter((w) => w.item.role === 'PRIMARY');
  if (primaries.length === 0) return;
  const nodeIds = [...new Set(primaries.map((w) => w.item.pipelineNodeId))].sort();
  await tx.run('ingest/lock-pipeline-nodes', { ids: nodeIds });
  const overlaps = await tx.run<OverlapRow & Record<string, unknown>>('ingest/deployment-overlaps', { ids: primaries.map((w) => w.item.id) });
  if (overlaps.length === 0) return;
  const indexOf = new Map(primaries.map((w) => [w.item.id, w.index]));
  const problems: FieldProblem[] = overlaps.map((o) => ({
    path: `deployments[${indexOf.get(o.id)}].from`,
    message: `PRIMARY deployment '${o.id}' overlaps PRIMARY deployment '${o.otherId}' (${o.otherFrom} to ${o.otherTo ?? 'open'}) on pipeline node '${o.pipelineNodeId}'`,
  }));
  const first = overlaps[0]!;
  throw new LineageError(
    ErrorCode.CONFLICT,
    `deployments[${indexOf.get(first.id)}]: PRIMARY deployment '${first.id}' overlaps PRIMARY deployment '${first.otherId}' on pipeline node '${first.pipelineNodeId}'; ` +
      'one pipeline node has one PRIMARY at a time: end one span where the other begins, or deploy the second as CANARY or SHADOW',
    problems,
  );
}
