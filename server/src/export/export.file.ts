import { parse, type ValueNode } from '@humanwhocodes/momoa';
import { type ExportEnvelope, signatureEncodingProblem, type Verification, verifyEnvelope } from './export.signing';

/** The members of an export file, and nothing else: anything more is unsigned text a reader may trust. */
const MEMBERS = ['manifest', 'signature', 'content'] as const;

/** Where a JSON node sits, for messages: `manifest.generatedBy`, `manifest.omitted.groups[2]`. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent || '(top level)'}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Keys repeated within one object, anywhere in the document. JSON.parse keeps the last copy
 * of a repeated key, while a person (or another parser) may read the first: a forged first
 * copy of `content` would be shown while the genuine last copy is verified. Iterative, so any
 * nesting depth is safe.
 */
export function duplicateKeys(body: ValueNode): string[] {
  const problems: string[] = [];
  const stack: Array<{ node: ValueNode; at: string }> = [{ node: body, at: '' }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (node.type === 'Object') {
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        if (seen.has(key)) problems.push(`duplicate key ${JSON.stringify(key)} at ${at || 'the top level'}`);
        seen.add(key);
        stack.push({ node: member.value, at: childPath(at, key) });
      }
    } else if (node.type === 'Array') {
      node.elements.forEach((element, i) => stack.push({ node: element.value, at: childPath(at, i) }));
    }
  }
  return problems;
}

/**
 * Reads an export file strictly: JSON without repeated keys, exactly the members `manifest`,
 * `signature` and `content` of the right types, and a canonically encoded signature. Returns
 * the envelope only when the shape is right; `problems` names everything found wrong.
 */
export function parseExportFile(text: string): { envelope?: ExportEnvelope; problems: string[] } {
  let body: ValueNode;
  try {
    body = parse(text, { mode: 'json' }).body;
  } catch (error) {
    return { problems: [`not JSON: ${(error as Error).message.slice(0, 200)}`] };
  }
  if (body.type !== 'Object') return { problems: ['the file is not a JSON object with manifest, signature and content'] };
  const problems = duplicateKeys(body);
  const value = JSON.parse(text) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!(MEMBERS as readonly string[]).includes(key))
      problems.push(`unknown top-level member ${JSON.stringify(key)} (an export file holds only ${MEMBERS.join(', ')})`);
  }
  for (const key of MEMBERS) if (!(key in value)) problems.push(`missing member ${JSON.stringify(key)}`);
  const { manifest, signature, content } = value;
  if ('manifest' in value && (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest))) problems.push('manifest: must be an object');
  if ('content' in value && typeof content !== 'string') problems.push('content: must be a string');
  if ('signature' in value) {
    const problem = typeof signature === 'string' ? signatureEncodingProblem(signature) : 'signature: must be a string';
    if (problem) problems.push(problem);
  }
  return problems.length > 0 ? { problems } : { envelope: value as unknown as ExportEnvelope, problems };
}

/** Checks an export file's text offline: strict shape first, then content digest and signature. */
export function verifyExportFile(text: string, publicKeyPem: string): Verification {
  const { envelope, problems } = parseExportFile(text);
  if (!envelope) return { ok: false, checks: { contentDigest: false, contentLength: false, signature: false, keyId: false }, problems };
  return verifyEnvelope(envelope, publicKeyPem);
}
