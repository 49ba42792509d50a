import { GetPipelineExecutionCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { admin, codePipeline, expectStatesInOrder, pollUntil } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
});
afterAll(() => sim.close());

function status(pipelineName: string, pipelineExecutionId: string) {
  return async () =>
    (await codePipeline(sim).send(new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId })))
      .pipelineExecution?.status;
}

describe('codepipeline executions', () => {
  it('InProgress -> Succeeded with its variables; the same clientRequestToken starts nothing new', async () => {
    const start = () =>
      codePipeline(sim).send(
        new StartPipelineExecutionCommand({
          name: 'cairn-deploy-churn',
          clientRequestToken: 'deployment-42',
          variables: [
            { name: 'ModelPackageArn', value: 'arn:aws:sagemaker:us-east-1:1:model-package/churn/3' },
          ],
        }),
      );
    const first = await start();
    expect((await start()).pipelineExecutionId).toBe(first.pipelineExecutionId);
    const id = first.pipelineExecutionId!;
    const { seen } = await pollUntil(status('cairn-deploy-churn', id), (value) => value === 'Succeeded');
    expectStatesInOrder(seen, ['InProgress', 'Succeeded']);
    const { pipelineExecution } = await codePipeline(sim).send(
      new GetPipelineExecutionCommand({ pipelineName: 'cairn-deploy-churn', pipelineExecutionId: id }),
    );
    expect(pipelineExecution?.variables).toEqual([
      { name: 'ModelPackageArn', resolvedValue: 'arn:aws:sagemaker:us-east-1:1:model-package/churn/3' },
    ]);
  });

  it('fails by marker on a seeded pipeline', async () => {
    await admin(sim, 'POST', '/_sim/pipelines', { name: 'release-fail', service: 'codepipeline' });
    const { pipelineExecutionId } = await codePipeline(sim).send(
      new StartPipelineExecutionCommand({ name: 'release-fail' }),
    );
    const { last } = await pollUntil(
      status('release-fail', pipelineExecutionId!),
      (value) => value !== 'InProgress',
    );
    expect(last).toBe('Failed');
  });

  it('answers unknown pipelines, unknown executions and bad tokens with CodePipeline errors', async () => {
    await expect(
      codePipeline(sim).send(new StartPipelineExecutionCommand({ name: 'not-seeded' })),
    ).rejects.toMatchObject({ name: 'PipelineNotFoundException' });
    await expect(
      codePipeline(sim).send(
        new GetPipelineExecutionCommand({
          pipelineName: 'cairn-deploy-churn',
          pipelineExecutionId: '00000000-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'PipelineExecutionNotFoundException' });
    await expect(
      codePipeline(sim).send(
        new StartPipelineExecutionCommand({ name: 'cairn-x', clientRequestToken: 'no spaces' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("'clientRequestToken'"),
    });
  });
});
