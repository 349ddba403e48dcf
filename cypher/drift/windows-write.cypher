// @name drift/windows-write
// @mode WRITE
// @param rows: list<{id, ionId, pipelineNodeId, feature, kind, from, to, rows, count, missingRate, psi, ks, js, wasserstein, psiPrev, ksPrev, jsPrev, threshold, drifted, baselineDatasetVersionId, runIds, modelVersionIds, histogram, alertEventId}>
// Stores evaluated drift windows; re-evaluation overwrites them in place (ids are node|start|feature).
UNWIND $rows AS row
MERGE (w:DriftWindow {id: row.id})
  ON CREATE SET w.createdAt = datetime()
SET w.ionId = row.ionId, w.pipelineNodeId = row.pipelineNodeId, w.feature = row.feature, w.kind = row.kind,
  w.from = datetime(row.from), w.to = datetime(row.to), w.rows = row.rows, w.count = row.count, w.missingRate = row.missingRate,
  w.psi = row.psi, w.ks = row.ks, w.js = row.js, w.wasserstein = row.wasserstein, w.psiPrev = row.psiPrev, w.ksPrev = row.ksPrev,
  w.jsPrev = row.jsPrev, w.threshold = row.threshold, w.drifted = row.drifted, w.baselineDatasetVersionId = row.baselineDatasetVersionId,
  w.runIds = row.runIds, w.modelVersionIds = row.modelVersionIds, w.histogram = row.histogram,
  w.alertEventId = coalesce(w.alertEventId, row.alertEventId), w.evaluatedAt = datetime()
RETURN count(w) AS written
