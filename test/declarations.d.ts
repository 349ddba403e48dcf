// Augments (does not replace) vitest's types: the import makes this file a module.
import 'vitest';
import type { Neo4jTarget } from '../server/src/config';

declare module 'vitest' {
  /** Values the global setup provides to tests; read a worker's own database with `testNeo4j()`. */
  export interface ProvidedContext {
    neo4jPool: Neo4jTarget[];
    /** `ready` or `failed: …` once the test databases answer (test/setup/neo4j-ready.ts waits on it). */
    neo4jStatusFile: string;
  }
}
