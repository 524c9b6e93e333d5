import type { Redis } from 'ioredis';
import type { RateLimiter } from './rate-limiter.ts';

/**
 * Token bucket in one Redis hash per key, updated atomically by a Lua script: the same semantics as
 * `createMemoryRateLimiter` (`limit` actions per `windowMs`, refilled continuously, bursts up to `limit`), but shared
 * by every node. Time comes from the Redis server (`TIME`) so nodes with skewed clocks agree; tests may pass `now`.
 * The key expires after one window of silence — by then the bucket would be full again, so dropping it is exact.
 */
const TOKEN_BUCKET = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
if now == nil or now < 0 then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or limit
local at = tonumber(state[2]) or now
tokens = math.min(limit, tokens + math.max(0, now - at) * limit / window)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], window)
return allowed
`;

const COMMAND = 'lingxiTokenBucket';

export interface RedisRateLimiterOptions {
  /** A connected ioredis client (shared with the rest of the node is fine). */
  redis: Redis;
  limit: number;
  windowMs: number;
  /** Key prefix, e.g. `lingxi:limit:customer:`. */
  prefix: string;
  /** Test clock in ms; default: the Redis server's clock. */
  now?: () => number;
}

/** RateLimiter shared by all nodes through Redis (see TOKEN_BUCKET). One round trip per `consume`. */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RateLimiter {
  // defineCommand runs the script by its SHA (EVALSHA) and loads it once per connection.
  if (!(COMMAND in options.redis)) options.redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: TOKEN_BUCKET });
  const run = (options.redis as unknown as Record<typeof COMMAND, (...args: Array<string | number>) => Promise<number>>)[COMMAND].bind(options.redis);
  return {
    async consume(key) {
      const now = options.now ? Math.floor(options.now()) : -1;
      const allowed = await run(`${options.prefix}${key}`, options.limit, options.windowMs, now);
      return allowed === 1;
    },
  };
}
