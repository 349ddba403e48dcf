// @name openlineage/known-events
// @mode READ
// @param ids: list<string>
// Which of these event hashes are stored already: those events are replays and change nothing.
UNWIND $ids AS id
MATCH (e:OpenLineageEvent {id: id})
RETURN e.id AS id
