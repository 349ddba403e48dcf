/**
 * What "the graph is unchanged" means for fuzzing: counts of nodes and relationships, and a
 * digest of every node's labels and properties and every relationship, leaving out the access
 * audit (it records who called, which is not lineage).
 */
import { createHash } from 'node:crypto';
import type { Driver } from 'neo4j-driver';

/** The audit's labels; each audit node carries one of them and no relationships (cypher/audit/). */
const AUDIT_LABELS = ['AuditAccess', 'AuditEntry', 'AuditHead', 'AuditSeqBlock'];

const NOT_AUDIT = (variable: string) => `NOT any(label IN labels(${variable}) WHERE label IN ${JSON.stringify(AUDIT_LABELS)})`;

const COUNTS = `CALL () { MATCH (n) RETURN count(n) AS all }
  ${AUDIT_LABELS.map((label) => `CALL () { MATCH (n:${label}) RETURN count(n) AS ${label} }`).join('\n')}
  CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
  RETURN all - ${AUDIT_LABELS.join(' - ')} AS nodes, relationships`;

export interface GraphCounts {
  nodes: number;
  relationships: number;
}

/**
 * Node and relationship counts outside the audit, from Neo4j's count store (no scan, so cheap
 * enough to take after every request even once the audit holds thousands of entries): every
 * node less the audit's, every relationship. An audit label missing from AUDIT_LABELS, or an
 * audit node given a relationship, fails the fuzzing loudly (audited requests change a count).
 */
export async function graphCounts(driver: Driver): Promise<GraphCounts> {
  const { records } = await driver.executeQuery(COUNTS);
  return { nodes: Number(records[0]!.get('nodes')), relationships: Number(records[0]!.get('relationships')) };
}

/** SHA-256 over the sorted lines describing every node and relationship outside the audit. */
export async function graphDigest(driver: Driver): Promise<string> {
  const nodes = await driver.executeQuery(`MATCH (n) WHERE ${NOT_AUDIT('n')} RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props`);
  const rels = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE ${NOT_AUDIT('a')} AND ${NOT_AUDIT('b')} RETURN elementId(a) AS a, type(r) AS type, properties(r) AS props, elementId(b) AS b`,
  );
  const lines = [
    ...nodes.records.map((r) => `N ${r.get('key')} ${stable([...(r.get('labels') as string[])].sort())} ${stable(r.get('props'))}`),
    ...rels.records.map((r) => `R ${r.get('a')} ${r.get('type')} ${r.get('b')} ${stable(r.get('props'))}`),
  ].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** JSON with object keys sorted; driver temporal values print as their ISO text. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const text = String(v);
      if (text !== '[object Object]') return text;
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}
