/**
 * Batch replay of a run or a time window as a job: pages of predictions (keyset, bounded) are
 * replayed one page at a time (each version runs once per page), outcomes recorded on the
 * predictions, and progress, counts and the differing ids saved on a ReplayJob node after every
 * page, so a finished result survives a restart. At most `maxJobs` run at once per process.
 * A running job renews a heartbeat; a RUNNING job whose heartbeat is older than the lease was
 * cut off (its process stopped) and reads as INTERRUPTED instead of running forever.
 */
import { randomUUID } from 'node:crypto';
import { int } from 'neo4j-driver';
import { ErrorCode, LineageError, badInput } from '../errors';
import type { QueryRunner } from '../store/executor';
import { parseStoredJson } from '../store/stored-json';
import { type PredictionRow, loadedPrediction } from './replay.rows';
import { type ReplayCaller, type ReplayService, outcomeOf } from './replay.service';
import type { ReplayJob, ReplayJobMissing } from './replay-job.types';
import { ReplayMissing, ReplayVerdict } from './replay.enums';

/** Differing ids kept on a job; the counts stay exact beyond it. */
export const MAX_DIFFERING_IDS = 1_000;
/** How often a running job renews its heartbeat, and how stale one may get before the job counts as cut off. */
const DEFAULT_HEARTBEAT_MS = 10_000;
const DEFAULT_LEASE_MS = 60_000;

export interface ReplayJobScope {
  runId?: string | null;
  from?: string | null;
  to?: string | null;
}

type JobRow = {
  id: string;
  status: string;
  runId: string | null;
  from: string | null;
  to: string | null;
  total: number;
  done: number;
  counts: string;
  notReplayable: string;
  differingIds: string[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  by: string;
};

type PageRow = PredictionRow & { at: string };

export class ReplayJobService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly runner: QueryRunner,
    private readonly replay: ReplayService,
    private readonly options: { maxJobs?: number; pageSize?: number; heartbeatMs?: number; leaseMs?: number } = {},
  ) {}

  /** Starts a job over `scope` and returns it as first saved (RUNNING, or DONE when empty). */
  async start(scope: ReplayJobScope, caller: ReplayCaller): Promise<ReplayJob> {
    if (!caller.cleared) throw new LineageError(ErrorCode.FORBIDDEN, 'A batch replay computes from restricted inputs: it needs SEE_RESTRICTED_DATA');
    const byRun = !!scope.runId;
    if (byRun === !!(scope.from || scope.to)) throw badInput([{ path: 'runId', message: 'give either runId, or from and to' }]);
    if (!byRun && (!scope.from || !scope.to)) throw badInput([{ path: scope.from ? 'to' : 'from', message: 'a window needs both from and to' }]);
    if (!byRun && Date.parse(scope.from!) >= Date.parse(scope.to!)) throw badInput([{ path: 'to', message: 'must be after from' }]);
    if (this.running.size >= (this.options.maxJobs ?? 2))
      throw new LineageError(ErrorCode.LIMIT_EXCEEDED, `At most ${this.options.maxJobs ?? 2} replay jobs run at once; try again when one has finished`);
    const [count] = byRun
      ? await this.runner.run<{ total: number }>('replay/count-by-run', { runId: scope.runId })
      : await this.runner.run<{ total: number }>('replay/count-by-window', { from: scope.from, to: scope.to });
    const job: JobRow = {
      id: `replay-job-${randomUUID()}`,
      status: 'RUNNING',
      runId: scope.runId ?? null,
      from: byRun ? null : scope.from!,
      to: byRun ? null : scope.to!,
      total: count?.total ?? 0,
      done: 0,
      counts: JSON.stringify({ REPRODUCED: 0, DIFFERS: 0, NOT_REPLAYABLE: 0 }),
      notReplayable: '[]',
      differingIds: [],
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      by: caller.name,
    };
    await this.save(job);
    const run = this.execute(job).finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return view(job);
  }

  /**
   * A job by id (null when unknown). A RUNNING job not running here whose lease has lapsed is
   * marked INTERRUPTED first; one running on another instance keeps renewing its lease.
   */
  async get(id: string): Promise<ReplayJob | null> {
    const [row] = await this.runner.run<JobRow>('replay/job-get', { id });
    if (row?.status !== 'RUNNING' || this.running.has(id)) return row ? view(row) : null;
    const leaseMs = int(this.options.leaseMs ?? DEFAULT_LEASE_MS);
    const [interrupted] = await this.runner.run<JobRow>('replay/job-interrupt-stale', { id, leaseMs, now: new Date().toISOString() });
    return view(interrupted ?? row);
  }

  /** Resolves when the job (if running here) has finished; for tests and the benchmark. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  private save(job: JobRow): Promise<unknown> {
    return this.runner.run('replay/job-save', { job });
  }

  private async execute(job: JobRow): Promise<void> {
    const counts: Record<ReplayVerdict, number> = { REPRODUCED: 0, DIFFERS: 0, NOT_REPLAYABLE: 0 };
    const missing = new Map<string, ReplayJobMissing>();
    const limit = this.options.pageSize ?? 500;
    let afterId = '';
    let afterAt = job.from ?? '';
    const heartbeat = setInterval(() => {
      this.runner.run('replay/job-heartbeat', { id: job.id }).catch(() => {});
    }, this.options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      for (;;) {
        const page = job.runId
          ? await this.runner.run<PageRow>('replay/page-by-run', { runId: job.runId, afterId, limit: int(limit) })
          : await this.runner.run<PageRow>('replay/page-by-window', { from: job.from, to: job.to, afterAt, afterId, limit: int(limit) });
        if (page.length === 0) break;
        const predictions = page.map(loadedPrediction);
        const results = await this.replay.replayAll(predictions);
        const outcomes = predictions.map((p, i) => outcomeOf(p, results[i]!));
        await this.replay.record(outcomes, job.by, new Date().toISOString());
        for (const o of outcomes) {
          counts[o.verdict]++;
          if (o.verdict === ReplayVerdict.DIFFERS && job.differingIds.length < MAX_DIFFERING_IDS) job.differingIds.push(o.predictionId);
          if (o.verdict === ReplayVerdict.NOT_REPLAYABLE && o.missing) {
            const key = `${o.missing}|${o.culpritId ?? ''}`;
            const group = missing.get(key) ?? { missing: o.missing, modelVersionId: o.culpritId, count: 0 };
            group.count++;
            missing.set(key, group);
          }
        }
        const last = page[page.length - 1]!;
        afterId = last.id;
        afterAt = last.at;
        job.done += page.length;
        job.counts = JSON.stringify(counts);
        job.notReplayable = JSON.stringify([...missing.values()]);
        await this.save(job);
        if (page.length < limit) break;
      }
      job.status = 'DONE';
    } catch (error) {
      job.status = 'FAILED';
      job.error = error instanceof LineageError ? error.message : 'the replay failed; see the service log';
    } finally {
      clearInterval(heartbeat);
    }
    job.finishedAt = new Date().toISOString();
    await this.save(job).catch(() => {});
  }
}

function view(row: JobRow): ReplayJob {
  const counts = (parseStoredJson(row.counts) ?? {}) as Partial<Record<ReplayVerdict, number>>;
  const groups = (parseStoredJson(row.notReplayable) ?? []) as ReplayJobMissing[];
  const differs = counts.DIFFERS ?? 0;
  return {
    id: row.id,
    status: row.status,
    runId: row.runId,
    from: row.from,
    to: row.to,
    total: row.total,
    done: row.done,
    progress: row.total === 0 ? 1 : Math.min(1, row.done / row.total),
    reproduced: counts.REPRODUCED ?? 0,
    differs,
    notReplayable: counts.NOT_REPLAYABLE ?? 0,
    notReplayableBy: groups.map((g) => ({ ...g, missing: ReplayMissing[g.missing] })),
    differingIds: row.differingIds ?? [],
    differingIdsComplete: (row.differingIds ?? []).length >= differs,
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
