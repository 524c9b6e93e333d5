import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { IdentityVerifier } from '../../engine/ports.ts';

export interface OtpVerifier extends IdentityVerifier {
  /** The code valid now for this conversation and customer (what the sender delivers). */
  code(subject: { conversationId: string; customerId: string }): string;
}

/**
 * One-time codes for verified identity (issue 20 item 3), stateless: a code is HMAC-SHA256 of the conversation, the
 * backend customer and a time window under a key derived from the service secret (HKDF, info `lingxi/otp/v1`),
 * reduced to 6 digits. Any node computes and checks it without shared storage; it is bound to one conversation and one
 * customer, and is accepted in its window and the one before (`windowSeconds` each, default 5 minutes). Wrong attempts
 * are limited per conversation by the engine (three, then a person).
 */
export function createOtpVerifier(options: { secret: string; windowSeconds?: number; now?: () => number }): OtpVerifier {
  const key = Buffer.from(hkdfSync('sha256', options.secret, 'lingxi-otp', 'lingxi/otp/v1', 32));
  const windowMs = (options.windowSeconds ?? 300) * 1000;
  const now = options.now ?? Date.now;
  const codeAt = (subject: { conversationId: string; customerId: string }, window: number) => {
    const digest = createHmac('sha256', key).update(`${subject.conversationId}\n${subject.customerId}\n${window}`).digest();
    return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  };
  return {
    code: (subject) => codeAt(subject, Math.floor(now() / windowMs)),
    check(subject, code) {
      const window = Math.floor(now() / windowMs);
      const given = Buffer.from(code.trim());
      return [window, window - 1].some((candidate) => {
        const expected = Buffer.from(codeAt(subject, candidate));
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    },
  };
}
