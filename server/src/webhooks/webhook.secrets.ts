import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { symmetricKeyFrom } from '../secret-file';

/** A new signing secret: 32 random bytes, shown to the admin once (`whsec_…`). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * Keeps signing secrets encrypted in the graph (AES-256-GCM under a key outside Neo4j), bound to
 * their subscription id as associated data: a database reader learns nothing, and a database
 * writer cannot move one subscription's secret to another.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('The webhook secret key must be 32 bytes');
  }

  seal(webhookId: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key.subarray(0, 32), iv).setAAD(Buffer.from(webhookId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  /** Throws when the text was not sealed for this subscription under this key. */
  open(webhookId: string, text: string): string {
    const [version, iv, tag, sealed] = text.split('.');
    if (version !== 'v1' || !iv || !tag || sealed === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key.subarray(0, 32), Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(webhookId, 'utf8'))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** WEBHOOK_SECRET_KEY (hex or base64, 32 bytes) when set, else one generated once into `webhook-secrets.key` under KEYS_DIR. */
export function loadSecretBox(env: NodeJS.ProcessEnv = process.env): SecretBox {
  return new SecretBox(symmetricKeyFrom(env.WEBHOOK_SECRET_KEY, 'webhook-secrets.key', env));
}
