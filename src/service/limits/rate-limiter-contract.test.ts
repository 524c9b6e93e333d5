import { createMemoryRateLimiter } from './rate-limiter.ts';
import { runRateLimiterContract } from './rate-limiter-contract.ts';

runRateLimiterContract('memory', { create: async (options) => createMemoryRateLimiter(options) });
