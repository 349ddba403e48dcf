/** Small, pure formatters shared by the views (UTC everywhere: the data are in UTC). */

/** "2026-03-12 14:02 UTC" from an ISO date-time; the input unchanged when it is not one. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "3 d 4 h", "2 h 5 min", "45 s": a duration readable at a glance. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}

/** "1 error", "3 errors". */
export function plural(count: number, word: string): string {
  return `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`;
}

/** Pretty JSON for detail panels; strings that hold JSON are expanded too. */
export function prettyJson(value: unknown): string {
  const expand = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }
    if (Array.isArray(v)) return v.map(expand);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expand(x)]));
    return v;
  };
  return JSON.stringify(expand(value), null, 2);
}
