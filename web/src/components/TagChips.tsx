import { href } from '../routes';
import { Link } from './Link';

/** A node's key/value tags as chips; each searches for everything carrying the same tag. */
export function TagChips({ tags }: { tags: ReadonlyArray<{ key: string; value: string }> }) {
  return (
    <span className="tags" data-testid="tags">
      {tags.map((tag) => (
        <Link key={`${tag.key}=${tag.value}`} to={href.search(`${tag.key}=${tag.value}`)}>
          <span className="badge tag">
            {tag.key}={tag.value}
          </span>
        </Link>
      ))}
    </span>
  );
}

/** Tags as node properties store them (`key=value`; keys hold no `=`). */
export function parseStoredTags(value: unknown): Array<{ key: string; value: string }> {
  if (!Array.isArray(value)) return [];
  return value
    .filter((pair): pair is string => typeof pair === 'string' && pair.includes('='))
    .map((pair) => ({ key: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) }));
}
