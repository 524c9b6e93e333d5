import { randomBytes } from 'node:crypto';

/** Random prefixed id, e.g. `conv_3q9x…` (16 bytes of randomness, base64url). Unguessable, so ids double as capability-free references. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}
