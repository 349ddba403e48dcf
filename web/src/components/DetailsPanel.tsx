/**
 * All properties of one node, as pretty JSON. Nodes drawn from the why subgraph carry no
 * properties, so they are read with `lineage` at depth 0 (the node alone).
 */
import type { ReactNode } from 'react';
import { LineageDocument } from '../api/generated';
import { prettyJson } from '../format';
import type { GraphNode } from '../graph/model';
import { useQuery } from '../hooks/useQuery';
import { hrefFor, href } from '../routes';
import { Link } from './Link';
import { Status } from './Status';
import { parseStoredTags, TagChips } from './TagChips';

export function DetailsPanel({ node, actions, onClose }: { node: GraphNode; actions?: ReactNode; onClose: () => void }) {
  const known = Object.keys(node.properties).length > 0 || node.type === 'Aggregate';
  const q = useQuery(LineageDocument, { nodeId: node.id, depth: 0, direction: 'UPSTREAM' }, known);
  const properties = known ? node.properties : q.data?.lineage.root.properties;
  return (
    <aside className="details" aria-label="Node details" data-testid="details">
      <header>
        <h3>
          <span className="kind">{node.type}</span> {node.label}
        </h3>
        <button type="button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </header>
      <p className="links">
        <code>{node.id}</code>
        {node.type !== 'Aggregate' && (
          <>
            {' · '}
            {hrefFor(node.type, node.id) !== href.lineage(node.id) && (
              <>
                <Link to={hrefFor(node.type, node.id)}>open</Link>
                {' · '}
              </>
            )}
            <Link to={href.lineage(node.id)}>explore lineage</Link>
          </>
        )}
      </p>
      {actions}
      {node.aggregate && (
        <p>
          {node.aggregate.count.toLocaleString('en')} {node.aggregate.of} nodes via {node.aggregate.relType}
          {node.aggregate.loaded ? `, ${node.aggregate.loaded} drawn` : ''}.
        </p>
      )}
      {properties && parseStoredTags(properties.tags).length > 0 && (
        <p>
          <TagChips tags={parseStoredTags(properties.tags)} />
        </p>
      )}
      {!known && <Status loading={q.loading} error={q.error} what="the node's properties" onRetry={q.reload} />}
      {properties && !node.aggregate && <pre className="json">{prettyJson(properties)}</pre>}
    </aside>
  );
}
