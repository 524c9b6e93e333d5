import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { LingxiError } from '../../engine/errors.ts';

/** Seals and opens small secrets (channel tokens, AES keys, passwords) for storage in the database. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/**
 * AES-256-GCM with a key derived by HKDF-SHA256 from the service secret (info `lingxi/secret-box/v1`), so a database
 * dump alone reveals no channel credentials and the token-signing secret is never used directly as a cipher key.
 * Sealed form: `v1.<iv>.<tag>.<ciphertext>` (base64url); opening with another secret or a tampered value throws.
 *
 * @example createSecretBox(config.secret).open(createSecretBox(config.secret).seal('token')) === 'token'
 */
export function createSecretBox(secret: string): SecretBox {
  if (secret.length < 16) throw new LingxiError('validation_failed', 'The service secret must have at least 16 characters (option secret / LINGXI_SECRET).');
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('lingxi'), Buffer.from('lingxi/secret-box/v1'), 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) throw new LingxiError('internal', 'Sealed secret has an unknown format.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new LingxiError('internal', 'Sealed secret cannot be opened: was the service secret changed?', { cause: error });
      }
    },
  };
}
