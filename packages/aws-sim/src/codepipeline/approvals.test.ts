import {
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  type GetPipelineStateOutput,
  PutApprovalResultCommand,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsSim, startAwsSim } from '../server';
import { codePipeline, pollUntil } from '../testing/sim-clients';

let sim: AwsSim;

beforeAll(async () => {
  // 30 simulated seconds take 150 ms; the approval is reached after 25 ms.
  sim = await startAwsSim({ port: 0, timeScale: 0.005 });
});
afterAll(() => sim.close());

const state = (name: string) => codePipeline(sim).send(new GetPipelineStateCommand({ name }));

function approvalAction(output: GetPipelineStateOutput) {
  const stage = output.stageStates?.find((candidate) => candidate.stageName === 'Approval');
  return { stage, action: stage?.actionStates?.[0] };
}

async function startWaiting(pipelineName: string) {
  const { pipelineExecutionId } = await codePipeline(sim).send(
    new StartPipelineExecutionCommand({ name: pipelineName }),
  );
  const { last } = await pollUntil(
    async () => {
      const { stage, action } = approvalAction(await state(pipelineName));
      return stage?.latestExecution?.pipelineExecutionId === pipelineExecutionId &&
        action?.latestExecution?.status === 'InProgress'
        ? action.latestExecution.token
        : undefined;
    },
    (token) => token !== undefined,
  );
  return { pipelineExecutionId: pipelineExecutionId!, token: last! };
}

function answer(pipelineName: string, token: string, status: 'Approved' | 'Rejected', summary: string) {
  return codePipeline(sim).send(
    new PutApprovalResultCommand({
      pipelineName,
      stageName: 'Approval',
      actionName: 'ApproveRelease',
      token,
      result: { status, summary },
    }),
  );
}

const executionStatus = (pipelineName: string, pipelineExecutionId: string) => async () =>
  (await codePipeline(sim).send(new GetPipelineExecutionCommand({ pipelineName, pipelineExecutionId })))
    .pipelineExecution;

describe('codepipeline manual approval', () => {
  it('waits at the approval action however long it takes, then succeeds once approved', async () => {
    const name = 'cairn-card-fraud-release-approval';
    const { pipelineExecutionId, token } = await startWaiting(name);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    // Far longer than the whole 30 simulated seconds: still waiting.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const waiting = await state(name);
    expect(waiting.stageStates?.map((stage) => stage.stageName)).toEqual(['Source', 'Approval', 'Deploy']);
    expect(waiting.stageStates?.[0]?.latestExecution).toEqual({ pipelineExecutionId, status: 'Succeeded' });
    expect(approvalAction(waiting).action?.latestExecution).toMatchObject({ status: 'InProgress', token });
    expect(waiting.stageStates?.[2]?.latestExecution).toBeUndefined();
    expect((await executionStatus(name, pipelineExecutionId)())?.status).toBe('InProgress');

    const { approvedAt } = await answer(name, token, 'Approved', 'Approved in Cairn by Ada');
    expect(approvedAt).toBeInstanceOf(Date);
    const after = approvalAction(await state(name)).action?.latestExecution;
    expect(after).toMatchObject({ status: 'Succeeded', summary: 'Approved in Cairn by Ada' });
    expect(after?.token).toBeUndefined();
    const { last } = await pollUntil(
      executionStatus(name, pipelineExecutionId),
      (execution) => execution?.status !== 'InProgress',
    );
    expect(last?.status).toBe('Succeeded');
    expect((await state(name)).stageStates?.[2]?.latestExecution).toEqual({
      pipelineExecutionId,
      status: 'Succeeded',
    });
  });

  it('fails the execution with the reviewer’s summary when rejected', async () => {
    const name = 'cairn-churn-approval';
    const { pipelineExecutionId, token } = await startWaiting(name);
    await answer(name, token, 'Rejected', 'Drift on the holdout set');
    const execution = await executionStatus(name, pipelineExecutionId)();
    expect(execution?.status).toBe('Failed');
    expect(execution?.statusSummary).toContain('Drift on the holdout set');
    const { stage, action } = approvalAction(await state(name));
    expect(stage?.latestExecution).toEqual({ pipelineExecutionId, status: 'Failed' });
    expect(action?.latestExecution).toMatchObject({ status: 'Failed', summary: 'Drift on the holdout set' });
  });

  it('answers a token once, and refuses unknown tokens, stages and actions as CodePipeline does', async () => {
    const name = 'cairn-scoring-approval';
    const { token } = await startWaiting(name);
    await answer(name, token, 'Approved', 'ok');
    await expect(answer(name, token, 'Rejected', 'too late')).rejects.toMatchObject({
      name: 'ApprovalAlreadyCompletedException',
    });
    await expect(
      answer(name, '00000000-0000-4000-8000-000000000000', 'Approved', 'ok'),
    ).rejects.toMatchObject({
      name: 'InvalidApprovalTokenException',
    });
    await expect(
      codePipeline(sim).send(
        new PutApprovalResultCommand({
          pipelineName: name,
          stageName: 'Approval',
          actionName: 'Deploy',
          token,
          result: { status: 'Approved', summary: 'ok' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'ActionNotFoundException' });
    await expect(
      codePipeline(sim).send(
        new PutApprovalResultCommand({
          pipelineName: name,
          stageName: 'Review',
          actionName: 'ApproveRelease',
          token,
          result: { status: 'Approved', summary: 'ok' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'StageNotFoundException' });
    await expect(
      codePipeline(sim).send(
        new PutApprovalResultCommand({
          pipelineName: name,
          stageName: 'Approval',
          actionName: 'ApproveRelease',
          token,
          result: { status: 'Maybe' as 'Approved', summary: 'x'.repeat(513) },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('2 validation errors'),
    });
    await expect(state('not-seeded')).rejects.toMatchObject({ name: 'PipelineNotFoundException' });
  });

  it('shows a pipeline without an approval stage going through Source and Deploy in 30 seconds', async () => {
    const name = 'cairn-deploy-plain';
    const { pipelineExecutionId } = await codePipeline(sim).send(new StartPipelineExecutionCommand({ name }));
    const first = await state(name);
    expect(first.stageStates?.map((stage) => stage.stageName)).toEqual(['Source', 'Deploy']);
    const { last } = await pollUntil(
      executionStatus(name, pipelineExecutionId!),
      (execution) => execution?.status !== 'InProgress',
    );
    expect(last?.status).toBe('Succeeded');
    const done = await state(name);
    expect(done.stageStates?.[1]?.latestExecution).toEqual({ pipelineExecutionId, status: 'Succeeded' });
  });
});
