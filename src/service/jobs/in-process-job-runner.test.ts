import { describe, it, expect } from 'vitest';
import { createInProcessJobRunner } from './in-process-job-runner.ts';

describe('in-process job runner', () => {
  it('retries a failing job with backoff until it succeeds', async () => {
    const runner = createInProcessJobRunner();
    const attempts: number[] = [];
    let resolveDone: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    runner.register<{ n: number }>('flaky', async (payload, { attempt }) => {
      attempts.push(attempt);
      if (attempt < 3) throw new Error('not yet');
      expect(payload.n).toBe(7);
      resolveDone();
    });
    await runner.enqueue('flaky', { n: 7 }, { attempts: 5, backoffMs: 5 });
    await done;
    expect(attempts).toEqual([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runner.sizes()).toMatchObject({ completed: 1, failed: 0, waiting: 0 });
    await runner.close();
  });

  it('counts a job as failed after its last attempt and rejects unknown names', async () => {
    const runner = createInProcessJobRunner();
    runner.register('broken', async () => {
      throw new Error('always');
    });
    await runner.enqueue('broken', {}, { attempts: 2, backoffMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runner.sizes().failed).toBe(1);
    await expect(runner.enqueue('missing', {})).rejects.toThrow(/no handler/);
    await runner.close();
  });
});
