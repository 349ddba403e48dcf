// @name maintained/state
// @mode READ
// Which version of the counters the database holds (null: never built), and whether it holds
// any prediction (an empty graph needs no rebuild: ingest counts from the first one).
OPTIONAL MATCH (m:MaintainedState {id: 'counters'})
RETURN m.version AS version, m.builtAt AS builtAt, EXISTS { MATCH (:Prediction) } AS hasPredictions
