import { createInProcessJobRunner } from './in-process-job-runner.ts';
import { runJobRunnerContract } from './job-runner-contract.ts';

runJobRunnerContract('in-process', { create: async () => createInProcessJobRunner() });
