import { Field, Int, ObjectType } from 'type-graphql';
import { NotRestricted } from '../classification/restricted.decorators';
import { JSONScalar } from '../graphql/scalars';
import type { DataAssertionView, DataQualityView } from './data-quality';

const AGGREGATE = 'aggregates over a whole dataset version (row, null and distinct counts, min and max); no subject key, and tests name columns, not rows';

@ObjectType({ description: 'One data-quality test (OpenLineage dataQualityAssertions) and whether it passed.' })
export class DataAssertion implements DataAssertionView {
  @Field(() => String, { description: 'e.g. not_null, unique, row_count.' }) assertion!: string;
  @Field(() => Boolean) success!: boolean;
  @Field(() => String, { nullable: true, description: 'The column tested; null for the whole dataset.' }) column!: string | null;
  @Field(() => String, { nullable: true }) severity!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType({ description: 'Data quality of a dataset version, as its pipelines reported it (OpenLineage).' })
export class DataQuality implements DataQualityView {
  @NotRestricted(AGGREGATE)
  @Field(() => JSONScalar, { nullable: true, description: 'rowCount, bytes, fileCount and columnMetrics {column: {nullCount, distinctCount, min, max, ...}}.' })
  metrics!: Record<string, unknown> | null;
  @Field(() => [DataAssertion]) assertions!: DataAssertion[];
  @Field(() => Int) passed!: number;
  @Field(() => Int) failed!: number;
}
