import type { QueryName } from '../store/query-names';

/** One compliance policy: a Cypher file under `cypher/policies/` and what it checks. */
export interface PolicyDefinition {
  id: PolicyId;
  /** The file that defines the policy: it reads the graph as it is (the reference answer). */
  query: QueryName;
  /**
   * The same rows from the counters maintained at ingest, for policies whose reference reads
   * every prediction (its cost then follows the violations, not the history). The others start
   * from deployments, approvals or PHI datasets and never read predictions.
   */
  maintained?: QueryName;
  title: string;
  /** True when a violation stands for a set of predictions (counted, with a sample of ids). */
  predictionSet: boolean;
}

export const POLICY_IDS = [
  'UNAPPROVED_DEPLOYMENT',
  'SELF_APPROVAL',
  'BELOW_METRIC',
  'PHI_WITHOUT_PURPOSE',
  'SERVED_BY_REJECTED_OR_RETIRED',
  'MISSING_MODEL_VERSION',
] as const;
export type PolicyId = (typeof POLICY_IDS)[number];

/** The six policies, in report order. */
export const POLICIES: readonly PolicyDefinition[] = [
  { id: 'UNAPPROVED_DEPLOYMENT', query: 'policies/unapproved-deployment', title: 'Deployed model without an approval for that ION', predictionSet: false },
  {
    id: 'SELF_APPROVAL',
    query: 'policies/self-approval',
    title: 'Approval by the principal who ran the training (separation of duties)',
    predictionSet: false,
  },
  { id: 'BELOW_METRIC', query: 'policies/below-metric', title: "Deployed model whose training metric is below its ION's minimum", predictionSet: false },
  { id: 'PHI_WITHOUT_PURPOSE', query: 'policies/phi-without-purpose', title: 'Model trained on PHI without a recorded purpose', predictionSet: false },
  {
    id: 'SERVED_BY_REJECTED_OR_RETIRED',
    query: 'policies/served-by-rejected-or-retired',
    maintained: 'compliance/served-by-rejected-or-retired',
    title: 'Predictions served by a model rejected or retired at the time',
    predictionSet: true,
  },
  {
    id: 'MISSING_MODEL_VERSION',
    query: 'policies/missing-model-version',
    maintained: 'compliance/missing-model-version',
    title: 'Predictions with no recorded model version',
    predictionSet: true,
  },
];
