// @name replay/latest-outcome
// @mode READ
// @param predictionIds: list<string>
// The recorded replay outcome of each prediction (at most one per prediction), for why and exports.
UNWIND $predictionIds AS predictionId
MATCH (o:ReplayOutcome {id: 'replay:' + predictionId})
RETURN predictionId, o.verdict AS verdict, o.missing AS missing, o.maxScoreDifference AS maxScoreDifference,
  o.tolerance AS tolerance, o.modelVersionIds AS modelVersionIds, toString(o.at) AS at, o.replays AS replays
