/** Data sensitivity, least to most strict; the strictest found along lineage wins. */
export const LEVELS = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'PII', 'PHI'] as const;
export type Level = (typeof LEVELS)[number];

/** Levels whose subject keys and input values only cleared callers see in clear. */
export const RESTRICTED_LEVELS: ReadonlySet<Level> = new Set<Level>(['PII', 'PHI']);

/** The level of a stored value, or null when it is missing or unknown. */
export function asLevel(value: unknown): Level | null {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value) ? (value as Level) : null;
}

/** 0 (PUBLIC) to 4 (PHI); -1 for unknown. */
export function rank(level: Level | null): number {
  return level === null ? -1 : LEVELS.indexOf(level);
}

/** The strictest of some levels, or null when none is known. */
export function strictest(levels: Iterable<Level | null>): Level | null {
  let best: Level | null = null;
  for (const level of levels) if (rank(level) > rank(best)) best = level;
  return best;
}

/**
 * Whether values classified `level` are restricted. An unknown level counts as restricted:
 * a prediction whose model is not recorded cannot be shown to be harmless (fail closed).
 */
export function isRestricted(level: Level | null): boolean {
  return level === null || RESTRICTED_LEVELS.has(level);
}
