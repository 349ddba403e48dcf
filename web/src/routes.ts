/**
 * Every view has a URL (history routing; the server falls back to index.html), so any view and
 * selection can be shared as a link. Pure helpers: parse a location, build hrefs.
 */

export type Route =
  | { view: 'home' }
  | { view: 'search'; q: string }
  | { view: 'why'; predictionId: string }
  | { view: 'why-subject'; subjectKey: string; at: string | null }
  | { view: 'lineage'; nodeId: string }
  | { view: 'model-version'; id: string }
  | { view: 'ion'; id: string }
  | { view: 'monitoring'; ionId: string }
  | { view: 'not-found'; path: string };

/** The route of a path and query string. */
export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const parts = pathname
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [head, ...rest] = parts;
  const id = rest.join('/');
  switch (head) {
    case undefined:
      return { view: 'home' };
    case 'search':
      return { view: 'search', q: params.get('q') ?? '' };
    case 'why':
      if (id) return { view: 'why', predictionId: id };
      if (params.get('subject')) return { view: 'why-subject', subjectKey: params.get('subject')!, at: params.get('at') };
      break;
    case 'lineage':
      if (id) return { view: 'lineage', nodeId: id };
      break;
    case 'model-version':
      if (id) return { view: 'model-version', id };
      break;
    case 'ion':
      if (id) return { view: 'ion', id };
      break;
    case 'monitoring':
      if (id) return { view: 'monitoring', ionId: id };
      break;
  }
  return { view: 'not-found', path: pathname };
}

const enc = encodeURIComponent;

/** Where a node of `kind` opens: predictions in the why view, versions and IONs on their pages, anything else in the explorer. */
export function hrefFor(kind: string, id: string): string {
  switch (kind) {
    case 'Prediction':
      return `/why/${enc(id)}`;
    case 'ModelVersion':
      return `/model-version/${enc(id)}`;
    case 'ION':
      return `/ion/${enc(id)}`;
    default:
      return `/lineage/${enc(id)}`;
  }
}

export const href = {
  search: (q: string) => `/search?q=${enc(q)}`,
  why: (predictionId: string, node?: string | null) => `/why/${enc(predictionId)}${node ? `?node=${enc(node)}` : ''}`,
  lineage: (nodeId: string) => `/lineage/${enc(nodeId)}`,
  modelVersion: (id: string) => `/model-version/${enc(id)}`,
  ion: (id: string) => `/ion/${enc(id)}`,
  /** Drift monitoring of an ION; `model` narrows it to the windows a model version served. */
  monitoring: (ionId: string, modelVersionId?: string | null) => `/monitoring/${enc(ionId)}${modelVersionId ? `?model=${enc(modelVersionId)}` : ''}`,
};
