// @name replay/job-get
// @mode READ
// @param id: string
// One batch replay job by id.
MATCH (j:ReplayJob {id: $id})
RETURN j.id AS id, j.status AS status, j.runId AS runId, j.from AS from, j.to AS to, j.total AS total, j.done AS done,
  j.counts AS counts, j.notReplayable AS notReplayable, j.differingIds AS differingIds, j.error AS error,
  j.startedAt AS startedAt, j.finishedAt AS finishedAt, j.by AS by
