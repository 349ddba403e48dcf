import pino from 'pino';

/** Structured JSON logs on stderr, so stdout stays free for a CLI's own output. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino({ level, base: { service: 'ion-lineage' } }, pino.destination(2));
}
export type { Logger } from 'pino';
