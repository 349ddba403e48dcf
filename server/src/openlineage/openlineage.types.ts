/**
 * OpenLineage 2-0-2 events as this service reads them, after JSON Schema validation
 * (`spec/OpenLineage.json`). Facets are open-ended; only the ones mapped into the graph are typed.
 */

export type OlEventType = 'START' | 'RUNNING' | 'COMPLETE' | 'ABORT' | 'FAIL' | 'OTHER';

/** Every facet carries its producer and schema URL; the rest is facet-specific. */
export interface OlFacet {
  _producer: string;
  _schemaURL: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export type OlFacets = Record<string, OlFacet>;

export interface OlDataset {
  namespace: string;
  name: string;
  facets?: OlFacets;
  inputFacets?: OlFacets;
  outputFacets?: OlFacets;
}

export interface OlJob {
  namespace: string;
  name: string;
  facets?: OlFacets;
}

export interface OlRun {
  runId: string;
  facets?: OlFacets;
}

interface OlBaseEvent {
  eventTime: string;
  producer: string;
  schemaURL: string;
}

export interface OlRunEvent extends OlBaseEvent {
  eventType?: OlEventType;
  run: OlRun;
  job: OlJob;
  inputs?: OlDataset[];
  outputs?: OlDataset[];
}

export interface OlDatasetEvent extends OlBaseEvent {
  dataset: OlDataset;
}

export interface OlJobEvent extends OlBaseEvent {
  job: OlJob;
  inputs?: OlDataset[];
  outputs?: OlDataset[];
}

export type OlEvent = OlRunEvent | OlDatasetEvent | OlJobEvent;

/** Which of the three event kinds an event is, decided by its shape as the spec's `oneOf` does. */
export type OlEventKind = 'RunEvent' | 'DatasetEvent' | 'JobEvent';

export function isRunEvent(event: OlEvent): event is OlRunEvent {
  return 'run' in event;
}

export function isDatasetEvent(event: OlEvent): event is OlDatasetEvent {
  return 'dataset' in event && !('job' in event);
}
