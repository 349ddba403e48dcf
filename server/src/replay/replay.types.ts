import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { NotRestricted, Restricted, RestrictedKind } from '../classification/restricted.decorators';
import { ReplayMissing, ReplayRole, ReplayVerdict } from './replay.enums';

export { ReplayMissing, ReplayRole, ReplayVerdict };

/** The replay's values belong to its prediction: that prediction's classification governs them. */
const ofPrediction = (parent: { predictionId?: string }) => ({ predictionId: parent.predictionId ?? null, type: 'Prediction' });

@ObjectType({ description: 'One model of a replay: recorded vs replayed.' })
export class ReplayModelResult {
  predictionId!: string;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => ReplayRole) role!: ReplayRole;
  @Field(() => ID, { nullable: true, description: 'The ensemble a member belongs to.' }) parentModelVersionId!: string | null;
  @Field(() => Float, { nullable: true, description: 'A member’s recorded weight.' }) weight!: number | null;
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, ofPrediction)
  @Field(() => String, { nullable: true, description: 'The prediction’s recorded output (null for members, which record none).' })
  recordedOutput!: string | null;
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, ofPrediction)
  @Field(() => Float, { nullable: true })
  recordedScore!: number | null;
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, ofPrediction)
  @Field(() => String, { nullable: true, description: 'What the model gives on the recorded inputs now.' })
  replayedOutput!: string | null;
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, ofPrediction)
  @Field(() => Float, { nullable: true })
  replayedScore!: number | null;
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, ofPrediction)
  @Field(() => Float, { nullable: true, description: 'replayedScore − recordedScore.' })
  scoreDifference!: number | null;
  @Field(() => ReplayVerdict) verdict!: ReplayVerdict;
  @Field(() => ReplayMissing, { nullable: true }) missing!: ReplayMissing | null;
  @NotRestricted('names digests, formats and member ids, never values')
  @Field(() => String, { nullable: true, description: 'Why it is NOT_REPLAYABLE, in a sentence.' })
  detail!: string | null;
}

@ObjectType({ description: 'A version a what-if may run instead: another version of a model the prediction used.' })
export class ReplayAlternative {
  @Field(() => ID) id!: string;
  @Field(() => String) modelName!: string;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => String, { nullable: true }) status!: string | null;
}

@ObjectType({ description: 'A prediction re-run with the exact model artifacts it used, compared with what was recorded.' })
export class ReplayAnswer {
  @Field(() => ID) predictionId!: string;
  @Field(() => ReplayVerdict, { description: 'The worst verdict of the models the prediction used.' }) verdict!: ReplayVerdict;
  @Field(() => ReplayMissing, { nullable: true }) missing!: ReplayMissing | null;
  @Field(() => Float, { description: 'Largest |replayed − recorded| score still REPRODUCED.' }) tolerance!: number;
  @Field(() => String) replayedAt!: string;
  @Field(() => Boolean, { description: 'True when this outcome was recorded on the prediction (what-if and withheld replays are not).' }) recorded!: boolean;
  @Field(() => [ReplayModelResult]) models!: ReplayModelResult[];
  @Field(() => [ReplayModelResult], { description: 'The what-if version (and its members) run on the same inputs, when one was asked for.' })
  whatIf!: ReplayModelResult[];
  @Field(() => [ReplayAlternative], { description: 'Other versions of the models used, for a what-if (newest first).' }) alternatives!: ReplayAlternative[];
  @Restricted(RestrictedKind.DERIVED_OUTPUTS, (parent: { predictionId?: string }) => ({ predictionId: parent.predictionId ?? null, type: 'Prediction' }))
  @Field(() => Boolean, { nullable: true, description: 'Whether the what-if version would have decided otherwise than the recorded output.' })
  decisionWouldDiffer!: boolean | null;
}

@ObjectType({ description: 'The latest recorded replay of a prediction.' })
export class ReplaySummary {
  @Field(() => ReplayVerdict) verdict!: ReplayVerdict;
  @Field(() => ReplayMissing, { nullable: true }) missing!: ReplayMissing | null;
  @Field(() => String) at!: string;
  @Field(() => Int, { description: 'How many times it was replayed.' }) replays!: number;
  @Field(() => [ID]) modelVersionIds!: string[];
}

@ArgsType()
export class ReplayArgs {
  @Field(() => ID) predictionId!: string;
  @Field(() => ID, { nullable: true, description: 'Also run the same inputs through this model version (what-if).' }) withModelVersion?: string | null;
}
