// @name meta/count-nodes
// @mode READ
// Node counts per lineage label; each COUNT on a bare label is answered from the count store.
RETURN {
  ION: COUNT { (:ION) },
  PipelineNode: COUNT { (:PipelineNode) },
  IONInstance: COUNT { (:IONInstance) },
  Run: COUNT { (:Run) },
  Stage: COUNT { (:Stage) },
  Dataset: COUNT { (:Dataset) },
  DatasetVersion: COUNT { (:DatasetVersion) },
  Feature: COUNT { (:Feature) },
  Model: COUNT { (:Model) },
  ModelVersion: COUNT { (:ModelVersion) },
  Principal: COUNT { (:Principal) },
  Approval: COUNT { (:Approval) },
  Deployment: COUNT { (:Deployment) },
  Prediction: COUNT { (:Prediction) },
  Event: COUNT { (:Event) }
} AS counts
