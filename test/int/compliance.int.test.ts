/**
 * The six compliance policies (cypher/policies/) on the demo scenario: each finds exactly the
 * findings the generator planted (seed/src/scenario/findings.ts), and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { ComplianceService } from '../../server/src/compliance/compliance.service';
import type { ComplianceReport, PolicyResult } from '../../server/src/compliance/compliance.types';
import { ErrorCode } from '../../server/src/errors';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { expectErrorCode, loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

let graph: TestGraph;
let scenario: DemoScenario;
let report: ComplianceReport;
let server: TestServer;

const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const policy = (id: string): PolicyResult => report.policies.find((p) => p.policy === id)!;
const keys = (id: string): string[] => sorted(policy(id).violations.map((v) => v.key));

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: 2_000, readOnly: true }));
  report = await new ComplianceService(graph.executor).report({ limit: 1_000, sampleSize: 10_000 });
  server = await startTestServer();
}, 180_000);

afterAll(async () => {
  await server?.close();
  await graph?.driver.close();
});

describe('compliance policies find exactly the planted violations', () => {
  it('deployed model without an approval for that ION', () => {
    const planted = scenario.truth.violations.unapprovedDeployments;
    expect(planted.length).toBeGreaterThan(0);
    expect(keys('UNAPPROVED_DEPLOYMENT')).toEqual(sorted(planted.map((v) => v.deploymentId)));
    for (const v of policy('UNAPPROVED_DEPLOYMENT').violations) {
      const truth = planted.find((p) => p.deploymentId === v.key)!;
      expect(v.evidence.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([truth.deploymentId, truth.modelVersionId, truth.pipelineNodeId]));
      expect(v.evidence.edges).toContainEqual({ source: truth.deploymentId, target: truth.modelVersionId, type: 'DEPLOYS' });
    }
  });

  it('approval by the principal who ran the training', () => {
    const planted = scenario.truth.violations.selfApprovals;
    expect(planted.length).toBeGreaterThan(0);
    expect(keys('SELF_APPROVAL')).toEqual(sorted(planted.map((v) => v.approvalId)));
    for (const v of policy('SELF_APPROVAL').violations) {
      const truth = planted.find((p) => p.approvalId === v.key)!;
      expect(v.subjectIds).toEqual(expect.arrayContaining([truth.principalId, truth.runId, truth.modelVersionId]));
      expect(v.evidence.edges).toContainEqual({ source: truth.runId, target: truth.principalId, type: 'TRIGGERED_BY' });
      expect(v.evidence.edges).toContainEqual({ source: truth.principalId, target: truth.approvalId, type: 'DECIDED' });
    }
  });

  it("deployed model whose training metric is below its ION's minimum", () => {
    const planted = scenario.truth.violations.belowMetricDeployments;
    expect(planted.length).toBeGreaterThan(0);
    expect(keys('BELOW_METRIC')).toEqual(sorted(planted.map((v) => v.deploymentId)));
    for (const v of policy('BELOW_METRIC').violations) {
      const truth = planted.find((p) => p.deploymentId === v.key)!;
      expect(v.summary).toContain(`${truth.metric} ${truth.value}`);
      expect(v.summary).toContain(`minimum ${truth.minimum}`);
    }
  });

  it('model trained on PHI without a recorded purpose', () => {
    const planted = scenario.truth.violations.phiWithoutPurpose;
    expect(keys('PHI_WITHOUT_PURPOSE')).toEqual(sorted(planted.map((v) => v.runId)));
    const [v] = policy('PHI_WITHOUT_PURPOSE').violations;
    expect(sorted(v!.subjectIds.slice(1))).toEqual(sorted(planted[0]!.modelVersionIds));
    const evidenceIds = v!.evidence.nodes.map((n) => n.id);
    expect(evidenceIds).toEqual(expect.arrayContaining(planted[0]!.phiDatasetVersionIds));
  });

  it('predictions served by a model rejected or retired at the time (all counted, all listed here)', () => {
    const planted = scenario.truth.violations.servedByRejectedOrRetired;
    const expected = sorted(planted.flatMap((v) => v.predictionIds));
    expect(expected.length).toBeGreaterThan(0);
    const found = policy('SERVED_BY_REJECTED_OR_RETIRED').violations;
    expect(sorted(found.flatMap((v) => v.sample))).toEqual(expected);
    expect(found.reduce((n, v) => n + v.count, 0)).toBe(expected.length);
    expect(found.every((v) => v.omitted === 0)).toBe(true);
    expect(sorted(found.map((v) => v.key))).toEqual(sorted([...new Set(planted.map((v) => v.modelVersionId!))]));
  });

  it('predictions with no recorded model version', () => {
    const planted = scenario.truth.violations.missingModelVersions;
    const expected = sorted(planted.flatMap((v) => v.predictionIds));
    expect(expected.length).toBeGreaterThan(0);
    const found = policy('MISSING_MODEL_VERSION').violations;
    expect(sorted(found.flatMap((v) => v.sample))).toEqual(expected);
    expect(found.reduce((n, v) => n + v.count, 0)).toBe(expected.length);
  });

  it('evidence graphs only connect nodes they contain', () => {
    for (const p of report.policies) {
      for (const v of p.violations) {
        const ids = new Set(v.evidence.nodes.map((n) => n.id));
        for (const e of v.evidence.edges) expect(ids.has(e.source) && ids.has(e.target), `${p.policy} ${e.source}-${e.type}->${e.target}`).toBe(true);
      }
    }
    expect(report.total).toBe(report.policies.reduce((n, p) => n + p.violations.length, 0));
  });
});

describe('bounded prediction sets and the GraphQL surface', () => {
  it('counts every prediction but lists only the sample', async () => {
    const small = await new ComplianceService(graph.executor).report({ policies: ['SERVED_BY_REJECTED_OR_RETIRED', 'MISSING_MODEL_VERSION'], sampleSize: 3 });
    const full = new Map(report.policies.flatMap((p) => p.violations.map((v) => [`${p.policy}:${v.key}`, v])));
    for (const p of small.policies) {
      for (const v of p.violations) {
        const whole = full.get(`${p.policy}:${v.key}`)!;
        expect(v.count).toBe(whole.count);
        expect(v.sample.length).toBe(Math.min(3, whole.count));
        expect(v.omitted).toBe(whole.count - v.sample.length);
        expect(v.evidence.nodes.filter((n) => n.type === 'Prediction').length).toBe(v.sample.length);
      }
    }
  });

  it('cuts a policy at `limit` and says so', async () => {
    const cut = await new ComplianceService(graph.executor).report({ policies: ['UNAPPROVED_DEPLOYMENT'], limit: 1 });
    expect(cut.policies[0]!.violations.length).toBe(1);
    expect(cut.policies[0]!.truncated).toBe(policy('UNAPPROVED_DEPLOYMENT').violations.length > 1);
  });

  it('refuses a limit out of range, naming the field', async () => {
    await expectErrorCode(new ComplianceService(graph.executor).report({ limit: 100_000 }), ErrorCode.BAD_USER_INPUT);
  });

  it('answers an auditor over GraphQL and refuses a scientist', async () => {
    const query = `{ complianceReport(policies: [SELF_APPROVAL, BELOW_METRIC]) { total policies { policy violationCount violations { key evidence { nodes { id type } } } } } }`;
    const ok = await server.gql<{ complianceReport: ComplianceReport }>(query, {}, { as: Role.AUDITOR });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.complianceReport.policies.map((p) => p.violationCount)).toEqual([
      policy('SELF_APPROVAL').violationCount,
      policy('BELOW_METRIC').violationCount,
    ]);
    const refused = await server.gql(query, {}, { as: Role.SCIENTIST });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.FORBIDDEN);
  });
});
