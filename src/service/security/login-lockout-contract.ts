import { describe, it, expect } from 'vitest';
import type { LoginLockout, LoginLockoutOptions } from './login-lockout.ts';

export type CreateLockout = (options: Required<LoginLockoutOptions>) => Promise<LoginLockout>;

/**
 * Behaviour every LoginLockout shares (house style §4). `create` must return lockouts isolated from other tests' (a
 * fresh key prefix for Redis); `cluster`, when given, returns the lockouts of two nodes that share their state.
 */
export function runLoginLockoutContract(name: string, options: { create: CreateLockout; cluster?: (options: Required<LoginLockoutOptions>) => Promise<[LoginLockout, LoginLockout]> }): void {
  describe(`LoginLockout contract: ${name}`, () => {
    it('locks an (account, address) pair after repeated failures, for a time, without locking other addresses', async () => {
      let time = 1_000_000;
      const lockout = await options.create({ maxFailures: 3, lockSeconds: 60, now: () => time });
      await lockout.recordFailure('A@x.test', '1.1.1.1');
      await lockout.recordFailure('a@x.test', '1.1.1.1');
      expect(await lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(0);
      await lockout.recordFailure('a@x.test ', '1.1.1.1');
      expect(await lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(60);
      expect(await lockout.retryAfterSeconds('a@x.test', '2.2.2.2')).toBe(0);
      expect(await lockout.retryAfterSeconds('b@x.test', '1.1.1.1')).toBe(0);
      time += 59_000;
      expect(await lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(1);
      time += 1_000;
      expect(await lockout.retryAfterSeconds('a@x.test', '1.1.1.1')).toBe(0);
    });

    it('forgets failures older than the window and after a success', async () => {
      let time = 2_000_000;
      const lockout = await options.create({ maxFailures: 2, lockSeconds: 10, now: () => time });
      await lockout.recordFailure('b@x.test', 'ip');
      time += 11_000;
      await lockout.recordFailure('b@x.test', 'ip');
      expect(await lockout.retryAfterSeconds('b@x.test', 'ip')).toBe(0);
      await lockout.recordSuccess('b@x.test', 'ip');
      await lockout.recordFailure('b@x.test', 'ip');
      expect(await lockout.retryAfterSeconds('b@x.test', 'ip')).toBe(0);
      await lockout.recordFailure('b@x.test', 'ip');
      expect(await lockout.retryAfterSeconds('b@x.test', 'ip')).toBe(10);
    });

    it('counts concurrent failures (same millisecond) once each', async () => {
      const lockout = await options.create({ maxFailures: 5, lockSeconds: 30, now: () => 3_000_000 });
      await Promise.all(Array.from({ length: 4 }, () => lockout.recordFailure('c@x.test', 'ip')));
      expect(await lockout.retryAfterSeconds('c@x.test', 'ip')).toBe(0);
      await lockout.recordFailure('c@x.test', 'ip');
      expect(await lockout.retryAfterSeconds('c@x.test', 'ip')).toBe(30);
    });

    it.skipIf(!options.cluster)('shares failures and locks between nodes', async () => {
      const [nodeA, nodeB] = await options.cluster!({ maxFailures: 3, lockSeconds: 60, now: () => 4_000_000 });
      await nodeA.recordFailure('d@x.test', 'ip');
      await nodeB.recordFailure('d@x.test', 'ip');
      expect(await nodeA.retryAfterSeconds('d@x.test', 'ip')).toBe(0);
      await nodeA.recordFailure('d@x.test', 'ip');
      expect(await nodeB.retryAfterSeconds('d@x.test', 'ip')).toBe(60);
      await nodeB.recordSuccess('d@x.test', 'ip');
      expect(await nodeA.retryAfterSeconds('d@x.test', 'ip')).toBe(0);
    });
  });
}
