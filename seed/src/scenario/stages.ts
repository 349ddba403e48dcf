/** Level-1 stage DAGs of a run. */
import type { JsonObject, StageInput } from '@ion-lineage/contract';

/** One stage, named within its run; `feeds` names stages listed after it (topological order). */
export interface StageSpec {
  name: string;
  type: string;
  stats: JsonObject;
  feeds?: string[];
}

/** Stage id: readable and unique because run ids are. */
export function stageId(runId: string, name: string): string {
  return `${runId}/${name}`;
}

/**
 * Turns stages given sources-first into StageInputs listed sinks-first, so that every
 * `feedsStageIds` entry names a stage that appears *earlier* in the list. An ingest that writes
 * items (or their FEEDS edges) one by one can then always resolve the reference.
 */
export function stagesFor(runId: string, specs: readonly StageSpec[]): StageInput[] {
  const position = new Map(specs.map((s, i) => [s.name, i]));
  const out: StageInput[] = [];
  for (let i = specs.length - 1; i >= 0; i--) {
    const spec = specs[i]!;
    const stage: StageInput = { id: stageId(runId, spec.name), runId, name: spec.name, type: spec.type, stats: spec.stats };
    if (spec.feeds?.length) {
      for (const target of spec.feeds) {
        const at = position.get(target);
        if (at === undefined || at <= i) throw new RangeError(`stage '${spec.name}' of ${runId} feeds '${target}', which is not after it`);
      }
      stage.feedsStageIds = spec.feeds.map((name) => stageId(runId, name));
    }
    out.push(stage);
  }
  return out;
}

/** A straight chain a → b → c of stages. */
export function chain(specs: ReadonlyArray<Omit<StageSpec, 'feeds'>>): StageSpec[] {
  return specs.map((s, i) => {
    const next = specs[i + 1];
    return next ? { ...s, feeds: [next.name] } : { ...s };
  });
}
