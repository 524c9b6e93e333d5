import { describe, it, expect } from 'vitest';
import { createLoginLockout } from './login-lockout.ts';
import { checkPassword } from './password-policy.ts';

describe('login lockout', () => {
  it('locks an (account, address) pair after repeated failures, for a time, without locking other addresses', () => {
    let time = 0;
    const lockout = createLoginLockout({ maxFailures: 3, lockSeconds: 60, now: () => time });
    lockout.recordFailure('A@x.test', '1.1.1.1');
    lockout.recordFailure('a@x.test', '1.1.1.1');
    expect(lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(0);
    lockout.recordFailure('a@x.test ', '1.1.1.1');
    expect(lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(60);
    expect(lockout.retryAfterSeconds('a@x.test', '2.2.2.2')).toBe(0);
    time += 59_000;
    expect(lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(1);
    time += 1_000;
    expect(lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(0);
  });

  it('forgets failures older than the window and after a success', () => {
    let time = 0;
    const lockout = createLoginLockout({ maxFailures: 2, lockSeconds: 10, now: () => time });
    lockout.recordFailure('b@x.test', 'ip');
    time += 11_000;
    lockout.recordFailure('b@x.test', 'ip');
    expect(lockout.retryAfterSeconds('b@x.test', 'ip')).toBe(0);
    lockout.recordSuccess('b@x.test', 'ip');
    lockout.recordFailure('b@x.test', 'ip');
    expect(lockout.retryAfterSeconds('b@x.test', 'ip')).toBe(0);
  });

  it('keeps memory bounded', () => {
    const lockout = createLoginLockout({ maxFailures: 5, lockSeconds: 10, maxEntries: 100 });
    for (let index = 0; index < 1000; index++) lockout.recordFailure(`spray-${index}@x.test`, 'ip');
    lockout.recordFailure('keep@x.test', 'ip');
    expect(lockout.retryAfterSeconds('spray-0@x.test', 'ip')).toBe(0);
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
