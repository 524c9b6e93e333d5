import { afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createRedisBus } from '../../src/service/bus/redis-bus.ts';
import { runBusContract } from '../../src/service/bus/bus-contract.ts';
import { createBullmqJobRunner } from '../../src/service/jobs/bullmq-job-runner.ts';
import { runJobRunnerContract } from '../../src/service/jobs/job-runner-contract.ts';
import { createRedisRateLimiter } from '../../src/service/limits/redis-rate-limiter.ts';
import { runRateLimiterContract } from '../../src/service/limits/rate-limiter-contract.ts';

/** The Redis implementations run the same contract suites as the in-process ones, plus their two-node cases. */
const url = process.env.REDIS_URL;
const run = `lingxi-test-${randomUUID().slice(0, 8)}:`;
let counter = 0;
/** A fresh prefix per test, so that tests never see each other's channels, queues or buckets. */
const freshPrefix = () => `${run}${++counter}:`;
const clients: Redis[] = [];
const client = () => {
  const redis = new Redis(url!);
  clients.push(redis);
  return redis;
};

afterAll(async () => {
  if (!url) return;
  const redis = client();
  const keys = await redis.keys(`${run}*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all(clients.map((redis) => redis.quit()));
});

if (url) {
  runBusContract('redis', {
    create: () => createRedisBus({ url, prefix: freshPrefix() }),
    cluster: async () => {
      const prefix = freshPrefix();
      return [await createRedisBus({ url, prefix }), await createRedisBus({ url, prefix })];
    },
  });
  runJobRunnerContract('bullmq', {
    create: () => createBullmqJobRunner({ url, prefix: freshPrefix() }),
    cluster: async () => {
      const prefix = freshPrefix();
      return [await createBullmqJobRunner({ url, prefix }), await createBullmqJobRunner({ url, prefix })];
    },
  });
  runRateLimiterContract('redis', {
    create: async (options) => createRedisRateLimiter({ redis: client(), prefix: freshPrefix(), ...options }),
    cluster: async (options) => {
      const prefix = freshPrefix();
      return [createRedisRateLimiter({ redis: client(), prefix, ...options }), createRedisRateLimiter({ redis: client(), prefix, ...options })];
    },
  });
} else {
  const { it } = await import('vitest');
  it.skip('Redis contract suites (set REDIS_URL)', () => {});
}
