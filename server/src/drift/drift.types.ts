import { ArgsType, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { NotRestricted } from '../classification/restricted.decorators';
import { DateTimeScalar } from '../graphql/scalars';

const AGGREGATE =
  'an aggregate over a serving window or training sample; windows with fewer values than the minimum group size are withheld from uncleared callers by the drift service';

@ObjectType({ description: "An ION's drift thresholds." })
export class DriftPolicyView {
  @Field(() => String) ionId!: string;
  @Field(() => Float, { description: 'A window drifts when PSI against its training baseline reaches this.' }) psiThreshold!: number;
  @Field(() => Float, { nullable: true, description: '...or when KS reaches this (numeric features).' }) ksThreshold!: number | null;
  @Field(() => Int, { description: 'Windows (and baselines) with fewer values are not judged.' }) minCount!: number;
  @Field(() => Int, { description: 'Window length in hours, aligned to UTC multiples.' }) windowHours!: number;
  @Field(() => [String], { nullable: true, description: 'Features watched; null: every feature with a baseline.' }) features!: string[] | null;
}

@InputType()
export class DriftPolicyInput {
  @Field(() => String) ionId!: string;
  @Field(() => Float, { nullable: true }) psiThreshold?: number;
  @Field(() => Float, { nullable: true }) ksThreshold?: number | null;
  @Field(() => Int, { nullable: true }) minCount?: number;
  @Field(() => Int, { nullable: true }) windowHours?: number;
  @Field(() => [String], { nullable: true }) features?: string[] | null;
}

@ObjectType()
export class BaselineResult {
  @Field(() => Int) features!: number;
  @Field(() => Int) rows!: number;
}

@ObjectType()
export class DriftEvaluationResult {
  @Field(() => Int) windows!: number;
  @Field(() => Int) drifted!: number;
  @Field(() => Int, { description: 'DRIFT events created now (windows alerted before are not alerted again).' }) alertsCreated!: number;
  @Field(() => [String]) alertEventIds!: string[];
}

@ObjectType({ description: 'Counts per bin of the reference (training baseline, or the previous window) and of the window.' })
export class DriftHistogram {
  @Field(() => String, { description: 'BASELINE or PREVIOUS.' }) against!: string;
  @Field(() => [String], { description: 'Numeric: "≤ edge" per decile of the reference; categorical: the categories.' }) bins!: string[];
  @Field(() => [Float]) reference!: number[];
  @Field(() => [Float]) current!: number[];
}

@ObjectType({ description: 'One feature (or __score / __output) over one window of one serving pipeline node.' })
export class DriftWindowView {
  @Field(() => String) id!: string;
  @Field(() => String) pipelineNodeId!: string;
  @Field(() => String) feature!: string;
  @Field(() => String) kind!: string;
  @Field(() => DateTimeScalar) from!: string;
  @Field(() => DateTimeScalar) to!: string;
  @Field(() => Int, { description: 'Values present in the window.' }) count!: number;
  @Field(() => Float, { nullable: true }) missingRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Against the training baseline.' }) psi!: number | null;
  @Field(() => Float, { nullable: true }) ks!: number | null;
  @Field(() => Float, { nullable: true, description: 'Jensen–Shannon distance (base 2).' }) js!: number | null;
  @Field(() => Float, { nullable: true }) wasserstein!: number | null;
  @Field(() => Float, { nullable: true, description: 'Against the previous window.' }) psiPrevious!: number | null;
  @Field(() => Float, { nullable: true }) ksPrevious!: number | null;
  @Field(() => Float, { nullable: true }) jsPrevious!: number | null;
  @Field(() => Float) threshold!: number;
  @Field(() => Boolean) drifted!: boolean;
  @Field(() => String, { nullable: true }) baselineDatasetVersionId!: string | null;
  @Field(() => [String]) modelVersionIds!: string[];
  @Field(() => String, { nullable: true, description: 'The DRIFT event raised for this window.' }) alertEventId!: string | null;
  @NotRestricted(AGGREGATE)
  @Field(() => DriftHistogram, { nullable: true })
  histogram!: DriftHistogram | null;
  @Field(() => Boolean, { description: 'True when metrics and histogram are withheld: too few values for this caller.' }) withheld!: boolean;
}

@ObjectType({ description: 'A drift in force on the serving node at prediction time.' })
export class DriftInForce {
  @Field(() => String) feature!: string;
  @Field(() => DateTimeScalar) from!: string;
  @Field(() => DateTimeScalar) to!: string;
  @Field(() => Float, { nullable: true }) psi!: number | null;
  @Field(() => Float, { nullable: true }) ks!: number | null;
  @Field(() => Float) threshold!: number;
  @Field(() => String, { nullable: true }) baselineDatasetVersionId!: string | null;
  @Field(() => String, { nullable: true }) alertEventId!: string | null;
}

@ObjectType()
export class DriftPrediction {
  @Field(() => String) id!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String) runId!: string;
  @Field(() => String) output!: string;
  @Field(() => String) windowId!: string;
  @Field(() => Float, { nullable: true }) psi!: number | null;
}

@ObjectType()
export class DriftPredictionPage {
  @Field(() => [DriftPrediction]) items!: DriftPrediction[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) nextCursor!: string | null;
}

@ArgsType()
export class DriftSeriesArgs {
  @Field(() => String) ionId!: string;
  @Field(() => String, { nullable: true }) feature?: string | null;
  @Field(() => String, { nullable: true, description: 'Only windows this model version served in.' }) modelVersionId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) from?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) to?: string | null;
  @Field(() => Int, { defaultValue: 500, description: 'At most this many windows (1–5000).' }) limit!: number;
}

@ArgsType()
export class DriftPredictionsArgs {
  @Field(() => String) ionId!: string;
  @Field(() => String) feature!: string;
  @Field(() => Int, { defaultValue: 100, description: '1–1000.' }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}
