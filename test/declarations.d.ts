// Augments (does not replace) vitest's types: the import makes this file a module.
import 'vitest';
import type { Neo4jTarget } from '../server/src/config';

declare module 'vitest' {
  /** Values the global setup provides to tests (`inject('neo4j')`). */
  export interface ProvidedContext {
    neo4j: Neo4jTarget;
  }
}
