import type { TokenSigner } from '../auth/token-signer.ts';
import type { ResumeTokenReader } from '../conversation/widget-session.ts';

/** A resume token lasts 90 days and is renewed on every start or hello, so a returning visitor keeps their history. */
export const RESUME_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/**
 * Resume tokens (issue 23, D7): the widget keeps the one it was given with its customer id, and a customer's history
 * is resumed without the HMAC identity only for the browser holding it.
 */
export function createWidgetResume(signer: TokenSigner): { read: ResumeTokenReader; issue(tenantId: string, customerId: string): string } {
  return {
    read(token, tenantId) {
      const claims = signer.verify(token);
      return claims?.kind === 'resume' && claims.tenantId === tenantId ? claims.customerId : null;
    },
    issue: (tenantId, customerId) => signer.sign({ kind: 'resume', tenantId, customerId }, RESUME_TOKEN_TTL_SECONDS),
  };
}
