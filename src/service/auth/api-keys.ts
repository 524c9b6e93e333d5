import { createHash, randomBytes } from 'node:crypto';

/** A new integration API key `lx_<random>`; only its SHA-256 is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `lx_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 7), hash: hashApiKey(key) };
}

/** SHA-256 hex of a key: keys are long random strings, so a fast hash is enough (no dictionary to attack). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
