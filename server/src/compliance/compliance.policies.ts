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

/**
 * The six policies, in report order. Which writes can open or close a violation, and why only
 * the prediction sets need maintained state (ids are immutable: nothing is ever updated or
 * deleted by ingest, so every change is a new item):
 * - UNAPPROVED_DEPLOYMENT: opened by a deployment; closed by a later APPROVED decision for that
 *   version and ION. Reads deployments (few).
 * - SELF_APPROVAL: opened by an APPROVED decision, or by an OpenLineage event that adds the
 *   PRODUCED link later; never closed. Reads approvals (few).
 * - BELOW_METRIC: opened by a deployment (metrics and ION policy are immutable). Reads deployments.
 * - PHI_WITHOUT_PURPOSE: opened by a run reading PHI, or an OpenLineage event adding a READ or a
 *   run to a PHI dataset. Reads the runs of PHI datasets, not predictions.
 * - SERVED_BY_REJECTED_OR_RETIRED: grows with every prediction of a RETIRED or rejected version;
 *   a late REJECTED decision dated earlier moves its start back. Counted from UseCount, so the
 *   late decision takes effect at once (nothing derived from it is stored).
 * - MISSING_MODEL_VERSION: grows with every prediction without versions (a prediction's links
 *   never change). Counted from UnversionedCount.
 */
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
