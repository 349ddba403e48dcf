/**
 * Regression (issue "Scale", correctness): two PRIMARY deployments whose spans overlap on one
 * pipeline node were accepted silently, so "which model served this node at T" had two answers.
 * They are refused with CONFLICT naming both, the batch whole; replays stay idempotent. An
 * open-ended PRIMARY is superseded by the next PRIMARY on its node (deployments are immutable,
 * so that is how a live rollout replaces it); CANARY, SHADOW and CONTROL spans may overlap it.
 */
import { randomUUID } from 'node:crypto';
import type { DeploymentInput } from '@ion-lineage/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../../server/src/errors';
import { chainBundle, chainIds } from '../support/fixtures';
import { countNodes } from '../support/ingest-api';
import { applyTestSchema, connectTestGraph, type TestGraph } from '../support/neo4j';

// Unique per run: the test adds deployments and counts them, so a database kept across runs stays valid.
const P = `deployment-overlap-${randomUUID().slice(0, 8)}`;
const ids = chainIds(P);
let graph: TestGraph;

/** A deployment of the chain's gbm version on the chain's inference node. */
function deployment(local: string, from: string, to?: string, role: DeploymentInput['role'] = 'PRIMARY'): DeploymentInput {
  return { id: `${P}.deployment.${local}`, modelVersionId: ids.modelVersions.gbm, pipelineNodeId: ids.nodes.inference, role, from, ...(to ? { to } : {}) };
}

async function refusal(promise: Promise<unknown>): Promise<LineageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineageError);
  return error as LineageError;
}

beforeAll(async () => {
  graph = await connectTestGraph();
  await applyTestSchema(graph);
  await graph.services.ingest.ingestBundle(chainBundle(P));
  await graph.services.ingest.ingestPart('deployments', [deployment('april', '2026-04-01T00:00:00Z', '2026-04-10T00:00:00Z')]);
});

afterAll(async () => {
  await graph?.driver.close();
});

describe('overlapping PRIMARY deployments on one pipeline node', () => {
  it('refuses one that starts inside a stored span, naming both, and writes nothing of its batch', async () => {
    const error = await refusal(
      graph.services.ingest.ingestBundle({
        models: [{ id: `${P}.model.bystander`, name: 'bystander' }],
        deployments: [deployment('april-late', '2026-04-05T00:00:00Z', '2026-04-20T00:00:00Z')],
      }),
    );
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.message).toContain(`${P}.deployment.april-late`);
    expect(error.message).toContain(`${P}.deployment.april`);
    expect(error.problems[0]?.path).toBe('deployments[0].from');
    expect(await countNodes(graph.driver, 'Model', `${P}.model.bystander`)).toBe(0);
    expect(await countNodes(graph.driver, 'Deployment', `${P}.deployment.april-late`)).toBe(0);
  });

  it('refuses one that encloses a stored span, and one with the same start as an open-ended one', async () => {
    const enclosing = await refusal(
      graph.services.ingest.ingestPart('deployments', [deployment('march-april', '2026-03-20T00:00:00Z', '2026-05-01T00:00:00Z')]),
    );
    expect(enclosing.code).toBe(ErrorCode.CONFLICT);
    expect(enclosing.message).toContain(`${P}.deployment.april`);
    const sameStart = await refusal(graph.services.ingest.ingestPart('deployments', [deployment('twin', '2026-03-01T04:00:00Z')]));
    expect(sameStart.code).toBe(ErrorCode.CONFLICT);
    expect(sameStart.message).toContain(ids.deployments.primary);
  });

  it('refuses two overlapping ones within one batch', async () => {
    const error = await refusal(
      graph.services.ingest.ingestPart('deployments', [
        deployment('june-a', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z'),
        deployment('june-b', '2026-06-09T00:00:00Z', '2026-06-20T00:00:00Z'),
      ]),
    );
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.message).toContain(`${P}.deployment.june-a`);
    expect(error.message).toContain(`${P}.deployment.june-b`);
    expect(await countNodes(graph.driver, 'Deployment', `${P}.deployment.june-`)).toBe(0);
  });

  it('accepts adjacent spans, a later PRIMARY superseding an open-ended one, and overlapping non-PRIMARY roles', async () => {
    const result = await graph.services.ingest.ingestPart('deployments', [
      deployment('april-next', '2026-04-10T00:00:00Z', '2026-04-15T00:00:00Z'),
      deployment('april-canary', '2026-04-02T00:00:00Z', '2026-04-12T00:00:00Z', 'CANARY'),
      deployment('april-shadow', '2026-04-02T00:00:00Z', undefined, 'SHADOW'),
    ]);
    expect(result).toEqual({ created: 3, unchanged: 0 });
  });

  it('stays idempotent: a replay of stored deployments is unchanged, not a conflict', async () => {
    const again = await graph.services.ingest.ingestPart('deployments', [deployment('april', '2026-04-01T00:00:00Z', '2026-04-10T00:00:00Z')]);
    expect(again).toEqual({ created: 0, unchanged: 1 });
    const chain = await graph.services.ingest.ingestBundle(chainBundle(P));
    expect(chain.deployments).toEqual({ created: 0, unchanged: 2 });
  });

  it('lets exactly one of two concurrent overlapping writers win', async () => {
    const outcomes = await Promise.allSettled([
      graph.services.ingest.ingestPart('deployments', [deployment('july-a', '2026-07-01T00:00:00Z', '2026-07-10T00:00:00Z')]),
      graph.services.ingest.ingestPart('deployments', [deployment('july-b', '2026-07-05T00:00:00Z', '2026-07-20T00:00:00Z')]),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect((rejected?.reason as LineageError).code).toBe(ErrorCode.CONFLICT);
    expect(await countNodes(graph.driver, 'Deployment', `${P}.deployment.july-`)).toBe(1);
  });
});
