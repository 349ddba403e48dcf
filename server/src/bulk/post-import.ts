import os from 'node:os';
import { Role } from '../auth/roles';
import type { Principal } from '../auth/principal';
import { ErrorCode, LineageError } from '../errors';
import { applyGraphSchema, type Graph } from '../graph';
import { rebuildMaintainedState } from '../maintained/maintained-state';
import type { BulkManifest } from './bulk-writer';

/** What the post-import steps did, in order. */
export interface PostImportResult {
  schemaVersion: number;
  schemaSeconds: number;
  emptyTagLists: number;
  derivedSeconds: number;
}

/** Who an import is audited as: the operator's account on the machine that ran it. */
export function bulkImportPrincipal(): Principal {
  return { id: `admin:bulk-import:${os.userInfo().username}`, name: 'bulk import (neo4j-admin)', roles: [Role.ADMIN], via: 'system' };
}

/**
 * The derived state rebuild: state the ingest path maintains beside the lineage itself must be
 * computed once over the imported history, since no ingest transaction ran for it. Today that
 * is the impact and compliance counters; drift signatures are not rebuilt (see README,
 * "Bulk back-fill"). Runs before anyone else may use the store, as the rebuild requires.
 */
export async function rebuildDerivedState(graph: Graph): Promise<void> {
  await rebuildMaintainedState(graph.services.executor);
}

/**
 * Runs on the freshly imported store, started by the launcher, before anyone else may use it:
 * the schema (constraints and indexes of `cypher/schema`, as the service applies them), the
 * empty tag lists the import tool cannot write, the check the ingest engine makes that no two
 * PRIMARY deployments overlap on one pipeline node, the derived state rebuild, and one audit
 * entry for the whole import (the API audits each write; a back-fill is one admin action).
 */
export async function finishBulkImport(graph: Graph, manifest: BulkManifest, source: Record<string, unknown>): Promise<PostImportResult> {
  const executor = graph.services.executor;
  let started = performance.now();
  const schemaVersion = await applyGraphSchema(graph);
  const schemaSeconds = (performance.now() - started) / 1000;

  let emptyTagLists = 0;
  for (;;) {
    const [row] = await executor.run<{ updated: number }>('bulk/empty-tags', { limit: 10_000 });
    emptyTagLists += row?.updated ?? 0;
    if (!row?.updated) break;
  }

  for (let i = 0; i < manifest.primaryDeploymentIds.length; i += 1000) {
    const overlaps = await executor.run<{ id: string; otherId: string; pipelineNodeId: string }>('ingest/deployment-overlaps', {
      ids: manifest.primaryDeploymentIds.slice(i, i + 1000),
    });
    const first = overlaps[0];
    if (first)
      throw new LineageError(
        ErrorCode.CONFLICT,
        `PRIMARY deployment '${first.id}' overlaps PRIMARY deployment '${first.otherId}' on pipeline node '${first.pipelineNodeId}'; the imported store must not be used`,
      );
  }

  started = performance.now();
  await rebuildDerivedState(graph);
  const derivedSeconds = (performance.now() - started) / 1000;

  const audit = graph.services.audit;
  await audit.record(
    { principal: bulkImportPrincipal(), operationName: 'bulk-import' },
    {
      action: 'write',
      operation: 'bulkImport',
      targetIds: [],
      details: { ...source, counts: manifest.counts, bundles: manifest.bundles, createdAt: manifest.createdAt },
    },
  );
  // Approvals join the tamper-evident chain as if they had come through the API.
  await audit.chainUnchainedApprovals();
  return { schemaVersion, schemaSeconds, emptyTagLists, derivedSeconds };
}
