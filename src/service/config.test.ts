import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadServiceConfig, maskServiceConfig, modelCacheDirectory } from './config.ts';

describe('loadServiceConfig', () => {
  it('uses defaults, then environment, then explicit options', () => {
    expect(loadServiceConfig({}, {}).port).toBe(3900);
    expect(loadServiceConfig({}, { PORT: '4000' }).port).toBe(4000);
    expect(loadServiceConfig({ port: 5000 }, { PORT: '4000' }).port).toBe(5000);
    expect(loadServiceConfig({}, { LINGXI_DATA_DIR: '/tmp/x' }).dataDir).toBe('/tmp/x');
    expect(loadServiceConfig({}, { LINGXI_SEED_DEMO: 'false' }).seedDemo).toBe(false);
  });

  it('keeps the trained-model cache in the data folder unless LINGXI_CACHE_DIR says otherwise', () => {
    expect(modelCacheDirectory(loadServiceConfig({}, { LINGXI_DATA_DIR: '/srv/lingxi' }))).toBe(join('/srv/lingxi', 'model-cache'));
    expect(modelCacheDirectory(loadServiceConfig({}, { LINGXI_DATA_DIR: '/srv/lingxi', LINGXI_CACHE_DIR: '/var/cache/lingxi' }))).toBe('/var/cache/lingxi');
    expect(maskServiceConfig(loadServiceConfig({}, { LINGXI_CACHE_DIR: '/var/cache/lingxi' })).cacheDir).toBe('/var/cache/lingxi');
  });

  it('names the option and the variable of a bad value', () => {
    expect(() => loadServiceConfig({}, { PORT: 'abc' })).toThrow(/--port \/ PORT/);
    expect(() => loadServiceConfig({}, { DATABASE_URL: 'mysql://x' })).toThrow(/--database-url \/ DATABASE_URL: must start with postgres/);
    expect(loadServiceConfig({}, { LINGXI_DATABASE_POOL_SIZE: '40', LINGXI_DATABASE_WAIT_MS: '2000' })).toMatchObject({ databasePoolSize: 40, databaseWaitMs: 2000 });
    expect(() => loadServiceConfig({}, { LINGXI_DATABASE_POOL_SIZE: '0' })).toThrow(/--database-pool-size \/ LINGXI_DATABASE_POOL_SIZE/);
    expect(() => loadServiceConfig({}, { LINGXI_DATABASE_WAIT_MS: 'soon' })).toThrow(/--database-wait-ms \/ LINGXI_DATABASE_WAIT_MS/);
  });

  it('masks secrets and database passwords', () => {
    const masked = maskServiceConfig(loadServiceConfig({}, { LINGXI_SECRET: 'abcdefghijklmnopqrstuvwxyz', DATABASE_URL: 'postgres://app:hunter2@db:5432/lingxi' }));
    expect(masked.secret).toBe('********');
    expect(masked.databaseUrl).toBe('postgres://app:****@db:5432/lingxi');
    expect(JSON.stringify(masked)).not.toContain('hunter2');
  });

  it('chooses Redis from option > REDIS_URL > none, with a per-deployment prefix, and masks its password', () => {
    expect(loadServiceConfig({}, {}).redisUrl).toBeUndefined();
    expect(loadServiceConfig({}, {}).redisPrefix).toBe('lingxi:');
    expect(loadServiceConfig({}, { REDIS_URL: 'redis://r:6379', LINGXI_REDIS_PREFIX: 'shop1:' })).toMatchObject({ redisUrl: 'redis://r:6379', redisPrefix: 'shop1:' });
    expect(loadServiceConfig({ redisUrl: 'rediss://other:6380' }, { REDIS_URL: 'redis://r:6379' }).redisUrl).toBe('rediss://other:6380');
    expect(() => loadServiceConfig({}, { REDIS_URL: 'http://r' })).toThrow(/--redis-url \/ REDIS_URL: must start with redis:\/\//);
    expect(() => loadServiceConfig({}, { LINGXI_DATABASE_SCHEMA: 'Bad-Name' })).toThrow(/--database-schema \/ LINGXI_DATABASE_SCHEMA/);
    const masked = JSON.stringify(maskServiceConfig(loadServiceConfig({}, { REDIS_URL: 'redis://:s3cret@r:6379' })));
    expect(masked).toContain('redis://:****@r:6379');
    expect(masked).not.toContain('s3cret');
  });
});
