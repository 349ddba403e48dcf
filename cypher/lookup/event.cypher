// @name lookup/event
// @mode READ
// @param ids: list<string>
// Which of these Event ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Event {id: id})
RETURN n.id AS id, n.contentHash AS hash
