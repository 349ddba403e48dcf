/**
 * The ION view "as of" a moment: the timeline with only what had happened by then (runs still
 * going then show as running), and which pipeline nodes had been active. Pure, so the slider
 * only has to pick a time.
 */
import type { IonTimeline } from '../api/operations';

type Lane = IonTimeline['nodes'][number];

/** First and last moment of the timeline (run starts, events, decisions), or null when empty. */
export function timelineSpan(timeline: IonTimeline): { min: number; max: number } | null {
  const times = [
    ...timeline.nodes.flatMap((lane) => [...lane.runs.map((r) => r.startedAt), ...lane.events.map((e) => e.at)]),
    ...timeline.approvals.map((a) => a.at),
  ]
    .map((iso) => Date.parse(iso))
    .filter((t) => !Number.isNaN(t));
  if (times.length === 0) return null;
  return { min: Math.min(...times), max: Math.max(...times) };
}

/**
 * The `asOf` query parameter as a time inside the span; null (meaning "now", nothing hidden)
 * when absent, unreadable, or at or after the end of the span.
 */
export function parseAsOf(param: string | null, span: { min: number; max: number } | null): number | null {
  if (!param || !span) return null;
  const t = Date.parse(param);
  if (Number.isNaN(t) || t >= span.max) return null;
  return Math.max(t, span.min);
}

const atOrBefore = (iso: string, asOf: number) => Date.parse(iso) <= asOf;

/**
 * The timeline as it stood at `asOf`: runs started by then (a run that ended later is shown
 * running, without end), events, decisions and models dated by then. Lanes stay, even empty,
 * so the drawing keeps its rows.
 */
export function timelineAsOf(timeline: IonTimeline, asOf: number | null): IonTimeline {
  if (asOf === null) return timeline;
  const lane = (l: Lane): Lane => ({
    ...l,
    runs: l.runs
      .filter((r) => atOrBefore(r.startedAt, asOf))
      .map((r) => (r.endedAt && !atOrBefore(r.endedAt, asOf) ? { ...r, endedAt: null, status: 'RUNNING' } : r)),
    events: l.events.filter((e) => atOrBefore(e.at, asOf)),
    models: l.models.filter((m) => atOrBefore(m.createdAt, asOf)),
  });
  return { ...timeline, nodes: timeline.nodes.map(lane), approvals: timeline.approvals.filter((a) => atOrBefore(a.at, asOf)) };
}

/** Ids of the pipeline nodes with no run or event in the (already filtered) timeline. */
export function idleNodes(timeline: IonTimeline): Set<string> {
  return new Set(timeline.nodes.filter((l) => l.runs.length === 0 && l.events.length === 0).map((l) => l.node.id));
}

/** Per pipeline node, the name of its newest model in the (already filtered) timeline. */
export function latestModels(timeline: IonTimeline): Map<string, string> {
  const out = new Map<string, string>();
  for (const lane of timeline.nodes) {
    const newest = lane.models.reduce<Lane['models'][number] | null>(
      (best, m) => (!best || Date.parse(m.createdAt) > Date.parse(best.createdAt) ? m : best),
      null,
    );
    if (newest) out.set(lane.node.id, newest.name);
  }
  return out;
}
