// @name drift/policy
// @mode READ
// @param id: string
// The drift policy of an ION, by its id (`drift-policy-<ionId>`).
MATCH (p:DriftPolicy {id: $id})
RETURN p.ionId AS ionId, p.psiThreshold AS psiThreshold, p.ksThreshold AS ksThreshold, p.minCount AS minCount,
  p.windowHours AS windowHours, p.features AS features, toString(p.updatedAt) AS updatedAt
