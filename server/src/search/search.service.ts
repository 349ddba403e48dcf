import { badInput } from '../errors';
import type { QueryRunner } from '../store/executor';
import { checkMetricRanges, matchesMetrics } from './metric-filter';
import { type CursorKey, checkFirst, decodeCursor, pageAfter } from './paging';
import { createProvenanceLoaders, type ProvenanceLoaders } from './search.loaders';
import type {
  FeatureConnection,
  FeatureHit,
  FeatureSearchFilter,
  ModelSearchFilter,
  ModelVersionConnection,
  PredictionHit,
  SearchHit,
  SearchResults,
} from './search.types';
import { checkSearchText, int, parseJsonText, runRows, toFulltextQuery } from './values';
import { tagFilterParams, tagIdsOf } from '../tags/tag-filter';
import { toTagViews } from '../tags/tag-views';

/**
 * Most candidates one search considers. Metric thresholds cannot be checked in Cypher (metrics
 * are a JSON string and APOC is not available), so the store returns at most this many
 * candidates matching every other filter, newest first, and the service filters metrics and
 * pages within them. Past the cap, `totalCountCapped` says so and older matches are not listed:
 * the answer is to narrow the filter (a dataset, feature, status or text), not to raise the cap.
 */
export const CANDIDATE_CAP = 5_000;
export const MAX_PAGE = 200;
/** Most fulltext hits the search box reads before grouping. */
export const TEXT_HIT_CAP = 500;

const modelKey = (row: { id: string; createdAt: string }): CursorKey => [row.createdAt, row.id];
const featureKey = (row: { id: string; name: string }): CursorKey => [row.name, row.id];

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value.trim();
}

/** Reuse search for models and features, and the search box. */
export class SearchService {
  constructor(private readonly runner: QueryRunner) {}

  /** Model versions matching the filter, newest first, one keyset page at a time. */
  async searchModels(
    filter: ModelSearchFilter | null | undefined,
    first: number,
    after?: string | null,
    loaders: ProvenanceLoaders = createProvenanceLoaders(this.runner),
  ): Promise<ModelVersionConnection> {
    checkFirst(first, MAX_PAGE);
    const cursor = decodeCursor(after);
    const ranges = filter?.metrics ?? [];
    const problems = checkMetricRanges(ranges);
    if (problems.length) throw badInput(problems);
    const rawText = blankToNull(filter?.text);
    if (rawText !== null) checkSearchText(rawText, 'filter.text');
    const text = rawText === null ? null : toFulltextQuery(rawText);
    if (rawText !== null && text === null) throw badInput([{ path: 'filter.text', message: 'has nothing to search for' }]);
    const rows = await runRows<{ id: string; createdAt: string; metrics: string | null }>(this.runner, 'search/model-candidates', {
      text,
      featureId: blankToNull(filter?.featureId),
      datasetVersionId: blankToNull(filter?.datasetVersionId),
      datasetId: blankToNull(filter?.datasetId),
      approvedForIonId: blankToNull(filter?.approvedForIonId),
      status: filter?.status ?? null,
      algorithm: blankToNull(filter?.algorithm),
      framework: blankToNull(filter?.framework),
      tags: tagFilterParams(filter?.tags, 'filter.tags'),
      cap: int(CANDIDATE_CAP),
    });
    const matches = ranges.length ? rows.filter((row) => matchesMetrics(parseJsonText(row.metrics), ranges)) : rows;
    const page = pageAfter(matches, modelKey, first, cursor, 'DESC');
    const summaries = await loaders.modelVersionSummary.loadMany(page.items.map((row) => row.id));
    const edges = summaries.flatMap((node, i) => (node && !(node instanceof Error) ? [{ cursor: page.cursors[i]!, node }] : []));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: matches.length,
      totalCountCapped: rows.length >= CANDIDATE_CAP,
    };
  }

  /** Features matching the filter, by name. */
  async searchFeatures(filter: FeatureSearchFilter | null | undefined, first: number, after?: string | null): Promise<FeatureConnection> {
    checkFirst(first, MAX_PAGE);
    const cursor = decodeCursor(after);
    const rawText = blankToNull(filter?.text);
    if (rawText !== null) checkSearchText(rawText, 'filter.text');
    const text = rawText === null ? null : toFulltextQuery(rawText);
    if (rawText !== null && text === null) throw badInput([{ path: 'filter.text', message: 'has nothing to search for' }]);
    const stored = await runRows<Omit<FeatureHit, 'tags'> & { tags: string[] }>(this.runner, 'search/feature-candidates', {
      text,
      datasetId: blankToNull(filter?.datasetId),
      classification: filter?.classification ?? null,
      tags: tagFilterParams(filter?.tags, 'filter.tags'),
      cap: int(CANDIDATE_CAP),
    });
    const rows: FeatureHit[] = stored.map((row) => ({ ...row, tags: toTagViews(row.tags) }));
    const page = pageAfter(rows, featureKey, first, cursor, 'ASC');
    return {
      edges: page.items.map((node, i) => ({ cursor: page.cursors[i]!, node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: rows.length,
      totalCountCapped: rows.length >= CANDIDATE_CAP,
    };
  }

  /** The newest primary predictions, newest first (the home page offers them as examples). */
  async recentPredictions(first: number): Promise<PredictionHit[]> {
    checkFirst(first, 20);
    return runRows<PredictionHit>(this.runner, 'search/recent-predictions', { first: int(first) });
  }

  /**
   * The search box: fulltext hits by kind, plus exact id / request id hits, and subject key hits
   * when `subjectKeys` (the caller may see them; otherwise a key must not confirm a subject).
   */
  async searchAll(rawText: string, first: number, options: { subjectKeys: boolean } = { subjectKeys: true }): Promise<SearchResults> {
    checkFirst(first, 50);
    const key = rawText.trim();
    if (!key) throw badInput([{ path: 'text', message: 'must not be empty' }]);
    checkSearchText(key, 'text');
    const text = toFulltextQuery(key);
    type StoredHit = Omit<SearchHit, 'tags'> & { tags: string[] };
    const [groups, exact, subject, tagged] = await Promise.all([
      text === null
        ? []
        : runRows<{ kind: string | null; hits: Array<Omit<StoredHit, 'kind'>> }>(this.runner, 'search/text', {
            text,
            first: int(first),
            cap: int(TEXT_HIT_CAP),
          }),
      runRows<Omit<StoredHit, 'score'>>(this.runner, 'search/exact-id', { key }),
      options.subjectKeys ? runRows<PredictionHit>(this.runner, 'search/subject-predictions', { subjectKey: key, first: int(first) }) : [],
      runRows<StoredHit>(this.runner, 'search/tags', { tagIds: tagIdsOf(key), text, cap: int(TEXT_HIT_CAP), first: int(first) }),
    ]);
    const withTags = <T extends { tags: string[] }>(hit: T) => ({ ...hit, tags: toTagViews(hit.tags) });
    const byKind = new Map(groups.map((group) => [group.kind ?? '', group.hits.map((hit) => withTags({ ...hit, kind: group.kind ?? '' }))]));
    const hits = (kind: string): SearchHit[] => byKind.get(kind) ?? [];
    return {
      exact: exact.map((hit) => withTags({ ...hit, score: null })),
      subjectPredictions: subject,
      subjectKeysSearched: options.subjectKeys,
      models: hits('Model'),
      modelVersions: hits('ModelVersion'),
      datasets: hits('Dataset'),
      features: hits('Feature'),
      ions: hits('ION'),
      pipelineNodes: hits('PipelineNode'),
      principals: hits('Principal'),
      tagged: tagged.map(withTags),
    };
  }
}
