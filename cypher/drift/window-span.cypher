// @name drift/window-span
// @mode READ
// @param pipelineNodeId: string
// The first and last run start with a signature on a pipeline node (where evaluation begins and ends).
MATCH (s:Signature)
WHERE s.pipelineNodeId = $pipelineNodeId AND s.windowStart IS NOT NULL
RETURN toString(min(s.windowStart)) AS first, toString(max(s.windowStart)) AS last
