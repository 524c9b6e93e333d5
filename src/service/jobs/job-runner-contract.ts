import { describe, it, expect, afterEach } from 'vitest';
import { eventually } from '../testing/eventually.ts';
import type { JobRunner } from './job-runner.ts';

/**
 * Behaviour every JobRunner shares (house style §4). `create` must return a runner isolated from the other tests'
 * runners; `cluster`, when given, returns two runners standing for two nodes of one deployment.
 */
export function runJobRunnerContract(name: string, options: { create: () => Promise<JobRunner>; cluster?: () => Promise<[JobRunner, JobRunner]> }): void {
  describe(`JobRunner contract: ${name}`, () => {
    const open: JobRunner[] = [];
    const create = async () => {
      const runner = await options.create();
      open.push(runner);
      return runner;
    };
    afterEach(async () => {
      for (const runner of open.splice(0)) await runner.close(1000);
    });

    it('runs a job with its payload, retrying failures with attempts numbered from 1', async () => {
      const runner = await create();
      const attempts: Array<{ attempt: number; n: number }> = [];
      runner.register<{ n: number }>('flaky', async (payload, { attempt }) => {
        attempts.push({ attempt, n: payload.n });
        if (attempt < 3) throw new Error('not yet');
      });
      await runner.enqueue('flaky', { n: 7 }, { attempts: 5, backoffMs: 5 });
      await eventually(() => expect(attempts).toEqual([1, 2, 3].map((attempt) => ({ attempt, n: 7 }))), 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(attempts).toHaveLength(3);
    });

    it('gives up after the last attempt and rejects unknown job names', async () => {
      const runner = await create();
      let runs = 0;
      runner.register('broken', async () => {
        runs++;
        throw new Error('always');
      });
      await runner.enqueue('broken', {}, { attempts: 2, backoffMs: 5 });
      await eventually(() => expect(runs).toBe(2), 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(runs).toBe(2);
      await expect(runner.enqueue('missing', {})).rejects.toThrow(/no handler/);
      const sizes = runner.sizes();
      for (const key of ['waiting', 'active', 'failed', 'completed'] as const) expect(typeof sizes[key]).toBe('number');
    });

    it('lets a running job finish on close and refuses new jobs afterwards', async () => {
      const runner = await create();
      let started = false;
      let finished = false;
      runner.register('slow', async () => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 150));
        finished = true;
      });
      await runner.enqueue('slow', {});
      await eventually(() => expect(started).toBe(true), 5000);
      await runner.close(2000);
      expect(finished).toBe(true);
      await expect(runner.enqueue('slow', {})).rejects.toThrow(/closed/);
    });

    it.skipIf(!options.cluster)('spreads jobs over nodes: each job runs exactly once in the cluster', async () => {
      const [nodeA, nodeB] = await options.cluster!();
      open.push(nodeA, nodeB);
      const runs: Array<{ node: string; id: number }> = [];
      nodeA.register<{ id: number }>('count', async (payload) => void runs.push({ node: 'a', id: payload.id }));
      nodeB.register<{ id: number }>('count', async (payload) => void runs.push({ node: 'b', id: payload.id }));
      for (let id = 0; id < 20; id++) await (id % 2 ? nodeB : nodeA).enqueue('count', { id });
      await eventually(() => expect(runs).toHaveLength(20), 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(runs.map((run) => run.id).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
    });
  });
}
