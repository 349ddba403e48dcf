// @name maintained/mark-built
// @mode WRITE
// @param version: int (the counter layout the rebuild wrote)
// Records that the counters cover every stored prediction.
MERGE (m:MaintainedState {id: 'counters'})
SET m.version = $version, m.builtAt = datetime()
RETURN m.version AS version
