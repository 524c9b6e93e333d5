import { describe, it, expect } from 'vitest';
import { createMemoryLoginLockout } from './login-lockout.ts';
import { runLoginLockoutContract } from './login-lockout-contract.ts';
import { checkPassword } from './password-policy.ts';

runLoginLockoutContract('memory', { create: async (options) => createMemoryLoginLockout(options) });

describe('memory login lockout', () => {
  it('keeps memory bounded', async () => {
    const lockout = createMemoryLoginLockout({ maxFailures: 1, lockSeconds: 10, maxEntries: 100 });
    for (let index = 0; index < 1000; index++) await lockout.recordFailure(`spray-${index}@x.test`, 'ip');
    await lockout.recordFailure('keep@x.test', 'ip');
    expect(await lockout.retryAfterSeconds('spray-0@x.test', 'ip')).toBe(0);
    expect(await lockout.retryAfterSeconds('keep@x.test', 'ip')).toBe(10);
  });
});

describe('password rules', () => {
  it.each([
    ['short1!', /at least 10/], ['abcdefghijkl', /two of/], ['1234567890', /two of|common/], ['aaaaaaaa11', /4 different/],
    ['Password123', /common/], ['lilei-2024-pass', /e-mail name/], ['密码密码密码密码密码密', /two of/],
  ])('refuses %s', (password, message) => {
    expect(checkPassword(password, { email: 'lilei@shop.test' })).toMatch(message);
  });
  it.each(['correct horse battery', 'Lingxi-2024-admin', '灵犀客服系统2024版', 'x9$Kq!mZ0pW'])('accepts %s', (password) => {
    expect(checkPassword(password, { email: 'lilei@shop.test' })).toBeNull();
  });
});
