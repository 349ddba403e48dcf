// @name classification/prediction-models
// @mode READ
// @param ids: list<string>
// The model versions each prediction recorded (a prediction uses a handful at most).
UNWIND $ids[..5000] AS id
MATCH (p:Prediction {id: id})
RETURN p.id AS id, COLLECT { MATCH (p)-[:USED]->(mv:ModelVersion) RETURN mv.id ORDER BY mv.id LIMIT 20 } AS modelVersionIds
