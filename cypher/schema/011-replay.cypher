// Replay outcomes and jobs are looked up and merged by id.
CREATE CONSTRAINT replay_outcome_id IF NOT EXISTS FOR (n:ReplayOutcome) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT replay_job_id IF NOT EXISTS FOR (n:ReplayJob) REQUIRE n.id IS UNIQUE;
