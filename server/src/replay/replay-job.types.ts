import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { ReplayMissing } from './replay.types';

@ObjectType({ description: 'Predictions of a batch replay that were NOT_REPLAYABLE, grouped by the missing ingredient and the version that lacked it.' })
export class ReplayJobMissing {
  @Field(() => ReplayMissing) missing!: ReplayMissing;
  @Field(() => ID, { nullable: true, description: 'The model version that lacked it (a member rather than its ensemble).' }) modelVersionId!: string | null;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'A batch replay of a run or a time window: progress, counts by verdict, the differing predictions.' })
export class ReplayJob {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'RUNNING, DONE, FAILED, or INTERRUPTED when the process running it stopped before it finished (start it again).' })
  status!: string;
  @Field(() => ID, { nullable: true }) runId!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => Int, { description: 'Predictions in scope when the job started.' }) total!: number;
  @Field(() => Int, { description: 'Predictions replayed so far.' }) done!: number;
  @Field(() => Float, { description: 'done / total (1 when there is nothing to replay).' }) progress!: number;
  @Field(() => Int) reproduced!: number;
  @Field(() => Int) differs!: number;
  @Field(() => Int) notReplayable!: number;
  @Field(() => [ReplayJobMissing]) notReplayableBy!: ReplayJobMissing[];
  @Field(() => [ID], { description: 'Predictions whose replay DIFFERS, in scope order; at most 1,000 (see differingIdsComplete).' }) differingIds!: string[];
  @Field(() => Boolean) differingIdsComplete!: boolean;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => String) startedAt!: string;
  @Field(() => String, { nullable: true }) finishedAt!: string | null;
}

@ArgsType()
export class StartReplayJobArgs {
  @Field(() => ID, { nullable: true, description: 'Replay every prediction of this run…' }) runId?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '…or every prediction made at or after `from`…' }) from?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '…and before `to`.' }) to?: string | null;
}

@ArgsType()
export class ReplayJobArgs {
  @Field(() => ID) id!: string;
}
