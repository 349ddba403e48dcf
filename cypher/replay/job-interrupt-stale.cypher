// @name replay/job-interrupt-stale
// @mode WRITE
// @param id: string
// @param leaseMs: integer
// @param now: string
// Marks a RUNNING job INTERRUPTED when no process has renewed its heartbeat within the lease
// (its process stopped: a restart or a crash). Conditional, so a live job on another instance,
// or a job that finished meanwhile, is left alone; returns the job only when it changed it.
MATCH (j:ReplayJob {id: $id})
WHERE j.status = 'RUNNING' AND coalesce(j.heartbeatAt, datetime('1970-01-01T00:00:00Z')) < datetime() - duration({milliseconds: $leaseMs})
SET j.status = 'INTERRUPTED', j.finishedAt = $now,
  j.error = 'the process running this job stopped before it finished; start the job again'
RETURN j.id AS id, j.status AS status, j.runId AS runId, j.from AS from, j.to AS to, j.total AS total, j.done AS done,
  j.counts AS counts, j.notReplayable AS notReplayable, j.differingIds AS differingIds, j.error AS error,
  j.startedAt AS startedAt, j.finishedAt AS finishedAt, j.by AS by
