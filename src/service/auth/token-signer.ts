import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Claims of the tokens the service issues. */
export const tokenClaimsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), tenantId: z.string(), userId: z.string(), role: z.enum(['admin', 'supervisor', 'agent']), expiresAt: z.number() }),
  // verified: the customer proved their id with the tenant's HMAC; without it the token dies when the tenant turns
  // identity enforcement on (issue 23, D7).
  z.object({ kind: z.literal('widget'), tenantId: z.string(), customerId: z.string(), conversationId: z.string(), verified: z.boolean().optional(), expiresAt: z.number() }),
  // A widget's proof that it is the browser a customer id was issued to: required to resume that customer's history
  // without the HMAC identity (issue 23, D7). customerId is Lingxi's id, not the shop's.
  z.object({ kind: z.literal('resume'), tenantId: z.string(), customerId: z.string(), expiresAt: z.number() }),
]);
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;
type Unsigned<T> = T extends unknown ? Omit<T, 'expiresAt'> : never;

export interface TokenSigner {
  sign(claims: Unsigned<TokenClaims>, ttlSeconds: number): string;
  /** The claims, or null when the token is malformed, forged or expired. */
  verify(token: string): TokenClaims | null;
}

/**
 * Stateless HMAC-SHA256 tokens (`base64url(json).base64url(mac)`): every node sharing the secret accepts
 * them, so no session table and no sticky sessions (issue 11).
 */
export function createTokenSigner(secret: string, now: () => number = Date.now): TokenSigner {
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    sign(claims, ttlSeconds) {
      const body = Buffer.from(JSON.stringify({ ...claims, expiresAt: now() + ttlSeconds * 1000 })).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(token) {
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return null;
      const expected = mac(body);
      const given = Buffer.from(signature, 'base64url');
      // One spelling per token (issue 23, L3): base64url decoding ignores the unused low bits of the last character
      // and stray characters, so several strings decode to the same bytes; only the canonical encoding is accepted.
      if (given.toString('base64url') !== signature || Buffer.from(body, 'base64url').toString('base64url') !== body) return null;
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      try {
        const claims = tokenClaimsSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
        return claims.expiresAt > now() ? claims : null;
      } catch {
        return null;
      }
    },
  };
}
