/**
 * Named shapes of operation answers that views and pure helpers pass around, each derived from a
 * result type GraphQL Code Generator wrote into generated.ts (from server/schema.graphql and
 * operations/*.graphql). Nothing here is typed by hand: a field the schema renames, drops or makes
 * nullable fails the type check of the code that reads it. The documents are the `*Document`
 * exports of generated.ts; `gql` and `useQuery` infer answers and variables from them.
 */
import type {
  IonTimelineQuery,
  LineageQuery,
  ModelVersionQuery,
  ReplayJobFieldsFragment,
  ReplayQuery,
  ReplayRowFieldsFragment,
  SearchAllQuery,
  SearchHitFieldsFragment,
  WhyModelFieldsFragment,
  WhyQuery,
} from './generated';

export type SearchResults = SearchAllQuery['searchAll'];
export type SearchHit = SearchHitFieldsFragment;
/** A prediction found by subject key; `role` CONTROL marks a control pipeline's prediction. */
export type PredictionHit = SearchResults['subjectPredictions'][number];

export type WhyAnswer = WhyQuery['why'];
/** A model of the answer; an ensemble's `members` are models without members of their own. */
export type WhyModel = WhyAnswer['models'][number];
export type WhyApproval = WhyModelFieldsFragment['approvals'][number];

export type LineageGraph = LineageQuery['lineage'];
export type ModelVersionView = ModelVersionQuery['modelVersion'];
export type IonTimeline = IonTimelineQuery['ionTimeline'];

export type ReplayResult = ReplayQuery['replay'];
/** One model of a replay: recorded vs replayed. */
export type ReplayRow = ReplayRowFieldsFragment;
export type ReplayJobView = ReplayJobFieldsFragment;
