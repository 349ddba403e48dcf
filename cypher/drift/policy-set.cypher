// @name drift/policy-set
// @mode WRITE
// @param policy: {id, ionId, psiThreshold, ksThreshold, minCount, windowHours, features}
// Stores the one drift policy of an ION (replacing the previous thresholds).
MATCH (ion:ION {id: $policy.ionId})
MERGE (p:DriftPolicy {id: $policy.id})
  ON CREATE SET p.createdAt = datetime()
SET p.ionId = ion.id, p.psiThreshold = $policy.psiThreshold, p.ksThreshold = $policy.ksThreshold, p.minCount = $policy.minCount,
  p.windowHours = $policy.windowHours, p.features = $policy.features, p.updatedAt = datetime()
MERGE (p)-[:FOR_ION]->(ion)
RETURN p.id AS id
