import type { JobContract } from '@cairn/services/jobs/job-contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TeamRoleNotConfiguredError } from '../aws/team-credentials';
import { type JobHandler, runOne, type WorkerDeps } from './job-runner';

const contract: JobContract<{ id: string }> = {
  name: 'test.unit',
  payload: z.object({ id: z.string() }),
  retryLimit: 3,
  retryDelay: 1,
  retryDelayMax: 10,
  expireInSeconds: 60,
};
const deps = { logger: pino({ level: 'silent' }) } as unknown as WorkerDeps;
const job = (retryCount: number, data: unknown = { id: 'a' }) => ({
  id: 'job-1',
  data,
  retryCount,
  retryLimit: 3,
});
const throttled = Object.assign(new Error('Rate exceeded'), {
  name: 'ThrottlingException',
  $metadata: { httpStatusCode: 400 },
});

function handlerThat(fail: unknown) {
  const givenUp: string[] = [];
  const handler: JobHandler<{ id: string }> = {
    contract,
    async run() {
      if (fail) throw fail;
      return { ok: true };
    },
    async giveUp(_payload, _run, failure) {
      givenUp.push(failure.code);
    },
  };
  return { handler: handler as JobHandler<unknown>, givenUp };
}

describe('runOne', () => {
  it('completes a job whose handler returns', async () => {
    const { handler } = handlerThat(null);
    await expect(runOne(handler, job(0), deps)).resolves.toEqual({
      id: 'job-1',
      status: 'completed',
      output: { ok: true },
    });
  });

  it('leaves a throttled job to pg-boss retries, and gives up only on the last attempt', async () => {
    const { handler, givenUp } = handlerThat(throttled);
    await expect(runOne(handler, job(0), deps)).resolves.toMatchObject({ status: 'failed' });
    expect(givenUp).toEqual([]);
    await expect(runOne(handler, job(3), deps)).resolves.toMatchObject({ status: 'failed' });
    expect(givenUp).toEqual(['ThrottlingException']);
  });

  it('dead-letters what a retry cannot fix, recording why at once', async () => {
    const { handler, givenUp } = handlerThat(new TeamRoleNotConfiguredError('team-1'));
    const result = await runOne(handler, job(0), deps);
    expect(result).toMatchObject({ status: 'deadletter' });
    expect(JSON.stringify(result.output)).toContain('IAM role');
    expect(givenUp).toHaveLength(1);
  });

  it('dead-letters a payload that breaks the contract without running the handler', async () => {
    const { handler, givenUp } = handlerThat(null);
    await expect(runOne(handler, job(0, { id: 42 }), deps)).resolves.toMatchObject({ status: 'deadletter' });
    expect(givenUp).toEqual([]);
  });
});
