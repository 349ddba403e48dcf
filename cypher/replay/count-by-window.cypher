// @name replay/count-by-window
// @mode READ
// @param from: string
// @param to: string
// How many predictions were made in [from, to) (a batch replay's total), from the Prediction(at) index.
MATCH (p:Prediction)
WHERE p.at >= datetime($from) AND p.at < datetime($to)
RETURN count(p) AS total
