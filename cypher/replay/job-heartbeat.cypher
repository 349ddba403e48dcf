// @name replay/job-heartbeat
// @mode WRITE
// @param id: string
// Keeps a running job's lease alive between page saves (a slow page must not look cut off).
MATCH (j:ReplayJob {id: $id})
WHERE j.status = 'RUNNING'
SET j.heartbeatAt = datetime()
RETURN j.id AS id
