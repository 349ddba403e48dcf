// @name impact/prediction-total
// @mode READ
// How many predictions the graph holds (from the count store: no prediction is read).
MATCH (p:Prediction)
RETURN count(p) AS total
