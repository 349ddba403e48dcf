import neo4j from 'neo4j-driver';
import { badInput, type FieldProblem } from '../errors';
import type { QueryRunner } from '../store/executor';
import { POLICIES, POLICY_IDS, type PolicyDefinition, type PolicyId } from './compliance.policies';
import type { ComplianceReport, PolicyResult, Violation } from './compliance.types';

export const REPORT_LIMIT = { min: 1, max: 1_000 };
export const SAMPLE_SIZE = { min: 0, max: 10_000 };

export interface ComplianceRequest {
  policies?: readonly PolicyId[] | null;
  limit?: number;
  sampleSize?: number;
}

/** What every policy query returns per violation (see cypher/policies/). */
interface PolicyRow {
  key: string;
  summary: string;
  subjectIds: string[];
  count: number;
  sample: string[];
  nodes: Violation['evidence']['nodes'];
  edges: Violation['evidence']['edges'];
}

/**
 * `maintained`: policies that have a maintained query answer from the counters kept at ingest;
 * `reference`: every policy reads the graph as it is (its defining file). Both give the same
 * report; the reference is kept to check the counters against.
 */
export type ComplianceSource = 'maintained' | 'reference';

/**
 * Runs the compliance policies (one Cypher file each) and shapes their rows into violations
 * with evidence. Policies are independent reads, run one after another so a report never
 * takes more than one session of the pool.
 */
export class ComplianceService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly source: ComplianceSource = 'maintained',
  ) {}

  async report(request: ComplianceRequest = {}, now: Date = new Date()): Promise<ComplianceReport> {
    const limit = request.limit ?? 100;
    const sampleSize = request.sampleSize ?? 20;
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(limit) || limit < REPORT_LIMIT.min || limit > REPORT_LIMIT.max)
      problems.push({ path: 'limit', message: `must be an integer from ${REPORT_LIMIT.min} to ${REPORT_LIMIT.max}` });
    if (!Number.isInteger(sampleSize) || sampleSize < SAMPLE_SIZE.min || sampleSize > SAMPLE_SIZE.max)
      problems.push({ path: 'sampleSize', message: `must be an integer from ${SAMPLE_SIZE.min} to ${SAMPLE_SIZE.max}` });
    const unknown = (request.policies ?? []).filter((id) => !POLICY_IDS.includes(id));
    for (const id of unknown) problems.push({ path: 'policies', message: `unknown policy '${id}'` });
    if (problems.length) throw badInput(problems);
    const wanted = request.policies?.length ? POLICIES.filter((p) => request.policies!.includes(p.id)) : POLICIES;
    const policies: PolicyResult[] = [];
    for (const policy of wanted) policies.push(await this.check(policy, limit, sampleSize));
    return { generatedAt: now.toISOString(), total: policies.reduce((n, p) => n + p.violationCount, 0), policies };
  }

  private async check(policy: PolicyDefinition, limit: number, sampleSize: number): Promise<PolicyResult> {
    // One row more than asked tells whether the list was cut.
    const params = policy.predictionSet ? { limit: neo4j.int(limit + 1), sample: neo4j.int(sampleSize) } : { limit: neo4j.int(limit + 1) };
    const query = this.source === 'maintained' ? (policy.maintained ?? policy.query) : policy.query;
    const rows = await this.runner.run<PolicyRow & Record<string, unknown>>(query, params);
    const violations = rows.slice(0, limit).map((row) => toViolation(policy.id, row));
    return { policy: policy.id, title: policy.title, query: policy.query, violationCount: violations.length, truncated: rows.length > limit, violations };
  }
}

/** Pure: one policy row as a violation, evidence deduplicated. */
export function toViolation(policy: PolicyId, row: PolicyRow): Violation {
  const nodes = new Map(row.nodes.map((n) => [n.id, n]));
  const edges = new Map(row.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)).map((e) => [`${e.source}|${e.type}|${e.target}`, e]));
  return {
    policy,
    key: row.key,
    summary: row.summary,
    subjectIds: row.subjectIds,
    count: row.count,
    sample: row.sample,
    omitted: Math.max(0, row.count - row.sample.length),
    evidence: { nodes: [...nodes.values()], edges: [...edges.values()] },
  };
}
