/**
 * The model governance view (`modelVersion(id)`) on the demo scenario, checked item by item
 * against the scenario's own bundles: lineage, decisions per ION, ensembles, usage periods and
 * prediction counts for every model version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersionView } from '../../server/src/governance/model-version.types';
import { type ProvenanceFixture, dataOf, loadProvenanceFixture, sorted } from '../support/provenance';

let fx: ProvenanceFixture;

beforeAll(async () => {
  fx = await loadProvenanceFixture({ readOnly: true });
});

afterAll(async () => {
  await fx?.server.close();
});

const VIEW = /* GraphQL */ `
  query View($id: String!) {
    modelVersion(id: $id) {
      id
      name
      version
      modelId
      modelName
      algorithm
      framework
      format
      digest
      status
      metrics
      hyperparameters
      createdAt
      lineage {
        origin
        trainingRunId
        pipelineNodeId
        pipelineNodeName
        ionId
        ionName
        ionInstanceId
        createdAt
        triggeredBy {
          id
          name
          kind
        }
        uploadedBy {
          id
          name
          kind
        }
        datasetVersionCount
        datasetCount
        featureCount
        datasetVersions {
          id
          datasetId
          datasetName
          classification
        }
        features {
          id
          name
          classification
        }
      }
      decisionsByIon {
        ionId
        ionName
        current
        approvals {
          id
          decision
          at
          comment
          reviewer {
            id
            name
            kind
          }
          policyRunId
        }
        rejections {
          id
          decision
          at
          reviewer {
            id
          }
        }
        decisions {
          id
        }
      }
      members {
        modelVersionId
        name
        status
        weight
      }
      memberOf {
        modelVersionId
        weight
      }
      usage {
        ionId
        ionName
        active
        nodes {
          pipelineNodeId
          pipelineRole
          totalSeconds
          periods {
            deploymentId
            role
            from
            to
            durationSeconds
            active
            approvalId
            instances {
              id
            }
          }
        }
      }
      predictionCount
    }
  }
`;

describe('modelVersion(id): the governance view', () => {
  it('answers every model version of the scenario as its bundles say', async () => {
    const { all } = fx;
    const runs = new Map(all.runs.map((run) => [run.id, run]));
    const datasetOf = new Map(all.datasetVersions.map((dv) => [dv.id, dv.datasetId]));
    expect(all.modelVersions.length).toBeGreaterThan(20);
    for (const mv of all.modelVersions) {
      const view = await fx.server.graph.services.governance.modelVersion(mv.id);
      expect(view.status, mv.id).toBe(mv.status);
      expect(view.metrics).toEqual(mv.metrics ?? null);
      expect(view.hyperparameters).toEqual(mv.hyperparameters ?? null);

      const run = mv.producedByRunId ? runs.get(mv.producedByRunId) : undefined;
      expect(view.lineage.origin, mv.id).toBe(run ? 'TRAINED' : mv.uploadedById ? 'UPLOADED' : 'UNKNOWN');
      expect(view.lineage.trainingRunId).toBe(run?.id ?? null);
      expect(view.lineage.pipelineNodeId).toBe(run?.pipelineNodeId ?? null);
      expect(view.lineage.ionInstanceId).toBe(run?.instanceId ?? null);
      expect(view.lineage.triggeredBy?.id ?? null).toBe(run?.triggeredById ?? null);
      expect(view.lineage.uploadedBy?.id ?? null).toBe(mv.uploadedById ?? null);
      expect(sorted(view.lineage.datasetVersions.map((dv) => dv.id))).toEqual(sorted(run?.readDatasetVersionIds ?? []));
      expect(view.lineage.datasetCount).toBe(new Set((run?.readDatasetVersionIds ?? []).map((id) => datasetOf.get(id))).size);
      expect(sorted(view.lineage.features.map((f) => f.id))).toEqual(sorted(run?.usedFeatureIds ?? []));

      const decisions = all.approvals.filter((a) => a.modelVersionId === mv.id).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      expect(view.decisionsByIon.flatMap((group) => group.decisions.map((d) => d.id))).toEqual(decisions.map((d) => d.id));
      for (const group of view.decisionsByIon) {
        const mine = decisions.filter((d) => d.ionId === group.ionId);
        expect(group.current).toBe(mine.at(-1)?.decision);
        expect(group.approvals.map((d) => d.id)).toEqual(mine.filter((d) => d.decision === 'APPROVED').map((d) => d.id));
        expect(group.rejections.map((d) => d.id)).toEqual(mine.filter((d) => d.decision === 'REJECTED').map((d) => d.id));
      }

      expect(sorted(view.members.map((m) => `${m.modelVersionId}:${m.weight}`))).toEqual(
        sorted((mv.members ?? []).map((m) => `${m.modelVersionId}:${m.weight}`)),
      );
      const ensembles = all.modelVersions.filter((e) => (e.members ?? []).some((m) => m.modelVersionId === mv.id));
      expect(sorted(view.memberOf.map((m) => m.modelVersionId))).toEqual(sorted(ensembles.map((e) => e.id)));

      const deployments = all.deployments.filter((d) => d.modelVersionId === mv.id);
      const periods = view.usage.flatMap((ion) => ion.nodes.flatMap((node) => node.periods.map((p) => ({ ...p, node: node.pipelineNodeId }))));
      expect(sorted(periods.map((p) => p.deploymentId))).toEqual(sorted(deployments.map((d) => d.id)));
      for (const period of periods) {
        const deployment = deployments.find((d) => d.id === period.deploymentId)!;
        expect(period.node).toBe(deployment.pipelineNodeId);
        expect(period.active).toBe(deployment.to === undefined);
        if (deployment.to) expect(period.durationSeconds).toBe((Date.parse(deployment.to) - Date.parse(deployment.from)) / 1000);
        expect(period.approvalId).toBe(deployment.approvalId ?? null);
      }

      const used = all.predictions.filter((p) => p.modelVersionIds.includes(mv.id)).length;
      expect(view.predictionCount, mv.id).toBe(used);
    }
  });

  it('serves the recalled ensemble over GraphQL: approved, then rejected for the ION, served in between', async () => {
    const rollback = fx.scenario.truth.rollback;
    const { modelVersion: view } = dataOf(await fx.server.gql<{ modelVersion: ModelVersionView }>(VIEW, { id: rollback.replacedModelVersionId }));
    expect(view.status).toBe('REJECTED');
    expect(view.lineage.origin).toBe('TRAINED');
    expect(view.lineage.ionName).toBe('ct-triage');
    expect(view.members.length).toBeGreaterThan(0);
    const [ion] = view.decisionsByIon;
    expect(ion?.current).toBe('REJECTED');
    expect(ion?.approvals.length).toBeGreaterThan(0);
    expect(ion?.approvals[0]?.reviewer.kind).toBe('HUMAN');
    const periods = view.usage.flatMap((u) => u.nodes.flatMap((n) => n.periods));
    expect(periods.map((p) => p.deploymentId)).toContain(rollback.replacedDeploymentId);
    expect(periods.every((p) => p.instances.length > 0)).toBe(true);
    expect(view.predictionCount).toBeGreaterThan(0);
  });

  it('tells an uploaded model from a trained one', async () => {
    const uploaded = fx.all.modelVersions.find((mv) => mv.uploadedById && !mv.producedByRunId);
    expect(uploaded).toBeDefined();
    const view = await fx.server.graph.services.governance.modelVersion(uploaded!.id);
    expect(view.lineage.origin).toBe('UPLOADED');
    expect(view.lineage.uploadedBy?.id).toBe(uploaded!.uploadedById);
    expect(view.lineage.trainingRunId).toBeNull();
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const response = await fx.server.gql(VIEW, { id: 'mv-does-not-exist' });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
