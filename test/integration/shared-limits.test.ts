import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { runLoginLockoutContract } from '../../src/service/security/login-lockout-contract.ts';
import { createRedisLoginLockout } from '../../src/service/security/redis-login-lockout.ts';
import { createTestService, type TestService } from '../../src/service/testing/create-test-service.ts';

/**
 * Issue 12: with REDIS_URL the login lockout and the per-IP / login limits are shared by every node. The Redis lockout
 * runs the same contract as the in-memory one; then two app instances on one Redis prove the limits over HTTP.
 */
const url = process.env.REDIS_URL;
const run = `lingxi-test-${randomUUID().slice(0, 8)}:`;
let counter = 0;
/** A fresh prefix per test, so that tests never see each other's keys. */
const freshPrefix = () => `${run}${++counter}:`;
const clients: Redis[] = [];
const services: TestService[] = [];
const client = () => {
  const redis = new Redis(url!);
  clients.push(redis);
  return redis;
};

afterAll(async () => {
  await Promise.all(services.map((service) => service.close()));
  if (!url) return;
  const redis = client();
  const keys = await redis.keys(`${run}*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all(clients.map((redis) => redis.quit()));
});

if (url) {
  runLoginLockoutContract('redis', {
    create: async (options) => createRedisLoginLockout({ redis: client(), prefix: freshPrefix(), ...options }),
    cluster: async (options) => {
      const prefix = freshPrefix();
      return [createRedisLoginLockout({ redis: client(), prefix, ...options }), createRedisLoginLockout({ redis: client(), prefix, ...options })];
    },
  });

  describe('two nodes on one Redis', () => {
    const twoNodes = async (config: Record<string, unknown>) => {
      const shared = { redisUrl: url, redisPrefix: freshPrefix(), ...config };
      const nodes = [await createTestService(shared as never), await createTestService(shared as never)];
      services.push(...nodes);
      return nodes.map((node) => (email: string, password: string, remoteAddress: string) => node.service.app.inject({
        method: 'POST', url: '/v1/agent/login', remoteAddress, payload: { email, password },
      }).then((response) => ({ status: response.statusCode, retryAfter: response.headers['retry-after'] })));
    };

    it('share the lockout: failures on either node lock the (account, address) pair on both', async () => {
      const [nodeA, nodeB] = await twoNodes({ loginLockoutFailures: 3, rateLimitLogin: 1000 });
      const email = 'admin@demo.lingxi.local';
      expect((await nodeA(email, 'wrong-password-1', '10.1.0.1')).status).toBe(401);
      expect((await nodeB(email, 'wrong-password-2', '10.1.0.1')).status).toBe(401);
      expect((await nodeA(email, 'wrong-password-3', '10.1.0.1')).status).toBe(401);
      const locked = await nodeB(email, 'test-password-123', '10.1.0.1');
      expect(locked.status).toBe(429);
      expect(Number(locked.retryAfter)).toBeGreaterThan(0);
      // The right password from another address still works, on either node.
      expect((await nodeB(email, 'test-password-123', '10.1.0.2')).status).toBe(200);
    });

    it('share the per-IP login limit: N nodes do not give an address N times the attempts', async () => {
      const [nodeA, nodeB] = await twoNodes({ rateLimitLogin: 4, loginLockoutFailures: 100 });
      const statuses = [];
      for (let attempt = 0; attempt < 6; attempt++) statuses.push((await (attempt % 2 ? nodeB : nodeA)(`spray-${attempt}@x.test`, 'wrong-password', '10.2.0.1')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      expect((await nodeA('spray@x.test', 'wrong-password', '10.2.0.2')).status).toBe(401);
    });
  });
} else {
  it.skip('Redis lockout and shared limits (set REDIS_URL)', () => {});
}
