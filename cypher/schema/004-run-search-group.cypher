// Schema 4: "why" lists a training run's hyperparameter-search siblings by their shared group id.
CREATE INDEX run_search_group IF NOT EXISTS FOR (n:Run) ON (n.searchGroupId);
