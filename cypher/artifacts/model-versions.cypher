// @name artifacts/model-versions
// @mode READ
// @param digest: string (sha256:<hex>)
// The model versions that name an artifact by its digest: their training data decides who may
// download it. Index seek on ModelVersion(digest); one more than the cap is read so a caller
// can tell the list was cut (and fail closed).
MATCH (mv:ModelVersion {digest: $digest})
RETURN mv.id AS id
ORDER BY id
LIMIT 101
