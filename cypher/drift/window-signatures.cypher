// @name drift/window-signatures
// @mode READ
// @param pipelineNodeId: string
// @param from: string
// @param to: string
// @param limit: int
// The run signatures of one pipeline node whose runs started in [from, to): merged by the
// service into one evaluation window.
MATCH (s:Signature)
WHERE s.pipelineNodeId = $pipelineNodeId AND s.windowStart >= datetime($from) AND s.windowStart < datetime($to)
RETURN s.runId AS runId, s.features AS features
LIMIT $limit
