// Schema 8: tags and dataset columns.
// A tag is one shared node per key/value pair (id `tag:<key>=<value>`), so "everything tagged
// team=risk" is one unique-index seek and a walk of its TAGGED edges; the fulltext index finds
// tags by words of their key or value for the search box.
CREATE CONSTRAINT tag_id IF NOT EXISTS FOR (n:Tag) REQUIRE n.id IS UNIQUE;
CREATE FULLTEXT INDEX tag_text IF NOT EXISTS FOR (n:Tag) ON EACH [n.key, n.value];
// A column of a dataset (from OpenLineage column lineage), unique per dataset and name; its id is
// `<dataset id>#<column>` so lineage and impact can start from it.
CREATE CONSTRAINT column_id IF NOT EXISTS FOR (n:Column) REQUIRE n.id IS UNIQUE;
CREATE INDEX column_dataset_name IF NOT EXISTS FOR (n:Column) ON (n.datasetId, n.name);
// Tag filters of the model and feature searches may name a key alone.
CREATE INDEX tag_key IF NOT EXISTS FOR (n:Tag) ON (n.key);
