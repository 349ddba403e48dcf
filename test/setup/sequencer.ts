/**
 * File order, so the two workers end together: the fault tests first (each starts processes and
 * records 10,000 predictions through the SDK: still the suite's longest poles), then the
 * longest files first by the measured table (test/setup/durations.ts; a fresh clone has no
 * vitest results cache), unlisted files in vitest's own order after the listed ones of their
 * length. Files that only read a shared seeded graph (`readOnly: true`,
 * test/support/shared-graph.ts) stay together, at the place of their group's longest file: the
 * workers take them one after the other, so each loads that graph once and the rest reuse it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { DEFAULT_SECONDS, FILE_SECONDS } from './durations';

const LONG_POLES = '/test/fault/';

/** The shared graph a file only reads, from its own declaration; undefined for the others. */
function sharedGraphOf(file: string): string | undefined {
  const text = fs.readFileSync(file, 'utf8');
  if (!/readOnly: true/.test(text)) return undefined;
  return text.includes('loadProvenanceFixture') ? 'provenance' : 'demo';
}

export class LongPolesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const info = base.map((spec, index) => {
      const file = path.relative(root, spec.moduleId).split(path.sep).join('/');
      return { spec, index, long: spec.moduleId.includes(LONG_POLES), seconds: FILE_SECONDS[file] ?? DEFAULT_SECONDS, group: sharedGraphOf(spec.moduleId) };
    });
    const groupSeconds = new Map<string, number>();
    for (const { group, seconds } of info) if (group) groupSeconds.set(group, Math.max(groupSeconds.get(group) ?? 0, seconds));
    const key = (item: (typeof info)[number]) => (item.group ? groupSeconds.get(item.group)! : item.seconds);
    return info
      .sort(
        (a, b) =>
          Number(b.long) - Number(a.long) || key(b) - key(a) || (a.group ?? '').localeCompare(b.group ?? '') || b.seconds - a.seconds || a.index - b.index,
      )
      .map((item) => item.spec);
  }
}
