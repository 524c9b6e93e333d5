import { describe, expect, it } from 'vitest';
import { createOtpVerifier } from './otp-verifier.ts';

describe('one-time codes', () => {
  it('are 6 digits, bound to conversation, customer and secret, and valid for two windows', () => {
    let time = 1_000_000_000_000;
    const verifier = createOtpVerifier({ secret: 's', windowSeconds: 300, now: () => time });
    const subject = { conversationId: 'c1', customerId: 'u1' };
    const code = verifier.code(subject);
    expect(code).toMatch(/^\d{6}$/);
    expect(verifier.check(subject, code)).toBe(true);
    expect(verifier.check(subject, ` ${code} `)).toBe(true);
    expect(verifier.check({ conversationId: 'c2', customerId: 'u1' }, code)).toBe(false);
    expect(verifier.check({ conversationId: 'c1', customerId: 'u2' }, code)).toBe(false);
    expect(createOtpVerifier({ secret: 'other', now: () => time }).check(subject, code)).toBe(false);
    expect(verifier.check(subject, code.slice(1))).toBe(false);
    time += 300_000;
    expect(verifier.check(subject, code)).toBe(true);
    time += 300_000;
    expect(verifier.check(subject, code)).toBe(false);
  });
});
