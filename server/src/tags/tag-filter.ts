import { LIMITS } from '@ion-lineage/contract';
import { badInput } from '../errors';
import { tagId } from '../ingest/entities/to-row';

/** Most tags one search filter may require. */
export const MAX_TAG_FILTERS = 10;

/** A tag filter as the search queries take it: every listed tag must be on the result. */
export interface TagFilterParam {
  key: string;
  value: string | null;
}

/** Checks a search's tag filters, naming the argument; returns them as query parameters. */
export function tagFilterParams(tags: ReadonlyArray<{ key: string; value?: string | null }> | null | undefined, path: string): TagFilterParam[] {
  const list = tags ?? [];
  if (list.length > MAX_TAG_FILTERS) throw badInput([{ path, message: `must hold at most ${MAX_TAG_FILTERS} tags, got ${list.length}` }]);
  const problems = list.flatMap((tag, i) => {
    if (tag.key.length === 0 || tag.key.length > LIMITS.tagKeyLength)
      return [{ path: `${path}[${i}].key`, message: `must be 1 to ${LIMITS.tagKeyLength} characters` }];
    if ((tag.value ?? '').length > LIMITS.tagValueLength)
      return [{ path: `${path}[${i}].value`, message: `must be at most ${LIMITS.tagValueLength} characters` }];
    return [];
  });
  if (problems.length) throw badInput(problems);
  return list.map((tag) => ({ key: tag.key, value: tag.value ?? null }));
}

/**
 * Reads search-box text as a tag when it has the form `key:value` or `key=value` (split at the
 * first `=`, else at the first `:`, so keys that contain `:` are written `key=value`). Returns
 * the ids of the tags it may name.
 */
export function tagIdsOf(text: string): string[] {
  const ids = new Set<string>();
  for (const sep of ['=', ':']) {
    const at = text.indexOf(sep);
    if (at > 0 && at < text.length - 1) ids.add(tagId(text.slice(0, at).trim(), text.slice(at + 1).trim()));
  }
  return [...ids];
}
