import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { lockoutKey, type LoginLockout, type LoginLockoutOptions } from './login-lockout.ts';

/**
 * KEYS[1] = failure times (sorted set), KEYS[2] = lock (lockedUntil in ms). Drops failures older than the window, adds
 * this one, and locks when `max` are left. Atomic, so failures arriving on several nodes at once are each counted.
 */
const RECORD_FAILURE = `
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if now == nil or now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[4])
if redis.call('ZCARD', KEYS[1]) >= max then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], tostring(now + window), 'PX', window)
else
  redis.call('PEXPIRE', KEYS[1], window)
end
return 1
`;

/** KEYS[1] = lock: milliseconds left (0 when unlocked), on the same clock as RECORD_FAILURE. */
const REMAINING = `
local until_at = tonumber(redis.call('GET', KEYS[1]) or '0')
local now = tonumber(ARGV[1])
if now == nil or now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
return math.max(0, until_at - now)
`;

type Scripts = {
  lingxiLockoutFailure(failures: string, lock: string, max: number, windowMs: number, now: number, member: string): Promise<number>;
  lingxiLockoutRemaining(lock: string, now: number): Promise<number>;
};

export interface RedisLoginLockoutOptions extends LoginLockoutOptions {
  /** A connected ioredis client (shared with the rest of the node is fine). */
  redis: Redis;
  /** Key prefix, e.g. `lingxi:lockout:`. */
  prefix: string;
}

/**
 * {@link LoginLockout} shared by every node through Redis: the same semantics as the in-memory one, so that an
 * attacker gets `maxFailures` attempts per lock window in total, not per node. Time comes from the Redis server unless
 * a test clock is given. Keys carry a SHA-256 of the pair (no e-mail addresses in Redis) and expire with the window,
 * so memory is bounded by the pairs that failed recently.
 */
export function createRedisLoginLockout(options: RedisLoginLockoutOptions): LoginLockout {
  const { redis } = options;
  if (!('lingxiLockoutFailure' in redis)) redis.defineCommand('lingxiLockoutFailure', { numberOfKeys: 2, lua: RECORD_FAILURE });
  if (!('lingxiLockoutRemaining' in redis)) redis.defineCommand('lingxiLockoutRemaining', { numberOfKeys: 1, lua: REMAINING });
  const scripts = redis as unknown as Scripts;
  const windowMs = options.lockSeconds * 1000;
  const clock = () => (options.now ? Math.floor(options.now()) : -1);
  const keys = (email: string, address: string) => {
    const digest = createHash('sha256').update(lockoutKey(email, address)).digest('base64url');
    return { failures: `${options.prefix}failures:${digest}`, lock: `${options.prefix}lock:${digest}` };
  };
  return {
    async retryAfterSeconds(email, address) {
      const remaining = await scripts.lingxiLockoutRemaining(keys(email, address).lock, clock());
      return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
    },
    async recordFailure(email, address) {
      const { failures, lock } = keys(email, address);
      // A random member: two failures in the same millisecond (on two nodes) are two entries.
      await scripts.lingxiLockoutFailure(failures, lock, options.maxFailures, windowMs, clock(), randomBytes(8).toString('hex'));
    },
    async recordSuccess(email, address) {
      const { failures, lock } = keys(email, address);
      await redis.del(failures, lock);
    },
  };
}
