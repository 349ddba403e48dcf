/**
 * File order: vitest's own (slowest first from its results cache, else larger files first),
 * with the fault tests moved to the front. They are short files but still the suite's longest
 * poles (each starts processes and records 10,000 predictions through the SDK: 35-90 s each
 * against 30-60 s for the slowest other files, measured side by side at load 8); run last, as a
 * fresh clone without a results cache did, one worker finished them alone while the other idled.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const LONG_POLES = '/test/fault/';

export class LongPolesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isLong = (file: TestSpecification) => file.moduleId.includes(LONG_POLES);
    return [...sorted.filter(isLong), ...sorted.filter((file) => !isLong(file))];
  }
}
