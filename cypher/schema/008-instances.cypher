// Schema 8: several service instances on one database. Revoking an API token bumps one epoch
// counter, which every instance reads (one seek, at most twice a second) to drop its token cache.
CREATE CONSTRAINT auth_epoch_id IF NOT EXISTS FOR (n:AuthEpoch) REQUIRE n.id IS UNIQUE;
