/**
 * Writes `test-artifacts/file-timings.json`: for every test file, when the main process queued
 * and finished it and where its time went (import, setup files, tests and hooks), so the
 * sequencer's table (test/setup/durations.ts) can hold whole-file times. The JSON reporter's
 * file times cover the tests only, not the `beforeAll` that starts a server or loads a graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface FileTiming {
  file: string;
  project: string;
  /** Seconds since the run started, as the main process saw them. */
  queued: number;
  ended: number;
  /** Seconds: importing the file, importing the setup files, tests and hooks together. */
  collect: number;
  setup: number;
  run: number;
}

export default class FileTimingsReporter implements Reporter {
  private readonly started = performance.now();
  private readonly queued = new Map<string, number>();
  private readonly timings: FileTiming[] = [];
  private root = process.cwd();

  onInit(ctx: { config: { root: string } }) {
    this.root = ctx.config.root;
  }

  private now() {
    return Math.round(performance.now() - this.started) / 1000;
  }

  onTestModuleQueued(module: TestModule) {
    this.queued.set(module.moduleId, this.now());
  }

  onTestModuleEnd(module: TestModule) {
    const diagnostic = module.diagnostic();
    const seconds = (ms: number) => Math.round(ms) / 1000;
    this.timings.push({
      file: path.relative(this.root, module.moduleId).split(path.sep).join('/'),
      project: module.project.name,
      queued: this.queued.get(module.moduleId) ?? 0,
      ended: this.now(),
      collect: seconds(diagnostic.collectDuration),
      setup: seconds(diagnostic.setupDuration),
      run: seconds(diagnostic.duration),
    });
  }

  onTestRunEnd() {
    const out = path.join(this.root, 'test-artifacts', 'file-timings.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ wallSeconds: this.now(), files: this.timings }, null, 1)}\n`);
  }
}
