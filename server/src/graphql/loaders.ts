import type { Services } from './context';
import { createProvenanceLoaders, type ProvenanceLoaders } from '../search/search.loaders';

/** Per-request DataLoaders, grouped by feature; built once per request by the app's context function. */
export interface RequestLoaders {
  provenance: ProvenanceLoaders;
}

/** A fresh set for one request (loaders cache, so they must never outlive it). */
export function createRequestLoaders(services: Services): RequestLoaders {
  return { provenance: createProvenanceLoaders(services.executor) };
}
