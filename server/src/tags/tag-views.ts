/** A tag as read views return it. */
export interface TagPair {
  key: string;
  value: string;
}

/** Tags as stored on a node (`key=value` strings; keys hold no `=`), as key/value pairs. */
export function toTagViews(stored: readonly string[] | null | undefined): TagPair[] {
  return (stored ?? []).map((pair) => {
    const at = pair.indexOf('=');
    return { key: pair.slice(0, at), value: pair.slice(at + 1) };
  });
}
