// @name replay/job-save
// @mode WRITE
// @param job: {id, status, runId, from, to, total, done, counts, notReplayable, differingIds, error, startedAt, finishedAt, by}
// Creates or updates a batch replay job (its progress and result live in the graph, so a restart
// keeps every finished result). JSON blobs (counts, notReplayable) are strings. Every save is
// also a heartbeat: a RUNNING job whose heartbeat is older than the lease was cut off.
MERGE (j:ReplayJob {id: $job.id})
  ON CREATE SET j.createdAt = datetime()
SET j.status = $job.status, j.runId = $job.runId, j.from = $job.from, j.to = $job.to, j.total = $job.total,
  j.done = $job.done, j.counts = $job.counts, j.notReplayable = $job.notReplayable, j.differingIds = $job.differingIds,
  j.error = $job.error, j.startedAt = $job.startedAt, j.finishedAt = $job.finishedAt, j.by = $job.by,
  j.heartbeatAt = datetime()
RETURN j.id AS id
