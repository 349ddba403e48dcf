// @name openlineage/sync-instances
// @mode WRITE
// @param runIds: list<string>
// An ION instance stands for a parent run: it starts, ends and fails with it.
UNWIND $runIds AS runId
MATCH (instance:IONInstance {id: 'ol-instance:' + runId})
MATCH (run:Run {id: runId})
SET instance.startedAt = run.startedAt, instance.endedAt = run.endedAt, instance.status = run.status
