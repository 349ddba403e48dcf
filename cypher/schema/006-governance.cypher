// Schema 6: classification and decisions the compliance policies start from (PHI datasets,
// REJECTED decisions), so a policy seeks them by index instead of scanning the label.
CREATE INDEX dataset_classification IF NOT EXISTS FOR (n:Dataset) ON (n.classification);
CREATE INDEX feature_classification IF NOT EXISTS FOR (n:Feature) ON (n.classification);
CREATE INDEX approval_decision IF NOT EXISTS FOR (n:Approval) ON (n.decision);
