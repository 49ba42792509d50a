import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMlflowRequest } from './handle-mlflow-request';
import { type MlflowCaller, makeToken, mlflowCaller } from './testing/mlflow-test-kit';

let t: TestDatabase;
let team: TestTeam;
let token: string;
let call: MlflowCaller;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  token = await makeToken(t.db, team.engineer, team);
  call = mlflowCaller(t.db, token);
});
afterAll(async () => {
  await t.drop();
});

const NOW = 1_732_550_000_000;

describe('authentication', () => {
  it('answers 401 UNAUTHENTICATED without a token or with an unknown one', async () => {
    for (const tokenToSend of [null, 'cairn_nope_0000', 'garbage']) {
      const reply = await call('GET', 'experiments/get', { experiment_id: '0' }, { token: tokenToSend });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });
    }
  });

  it('answers 401 for a revoked token', async () => {
    const revoked = await makeToken(t.db, team.engineer, team);
    const prefix = revoked.split('_')[1]!;
    await t.db.apiToken.update({ where: { prefix }, data: { revokedAt: new Date() } });
    const reply = await call('GET', 'experiments/get', { experiment_id: '0' }, { token: revoked });
    expect(reply.status).toBe(401);
  });

  it('accepts the token as the password of Basic auth (MLFLOW_TRACKING_PASSWORD)', async () => {
    const request = new Request('http://cairn.test/api/2.0/mlflow/experiments/get?experiment_id=0', {
      headers: { authorization: `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}` },
    });
    const response = await handleMlflowRequest(request, {
      db: t.db,
      meta: { ip: null, userAgent: null, requestId: 'r' },
    });
    expect(response.status).toBe(200);
  });

  it('lets a token whose creator was demoted to viewer read, and answers 403 PERMISSION_DENIED to its writes', async () => {
    const creator = team.approver;
    const demotedToken = await makeToken(t.db, creator, team);
    const demoted = mlflowCaller(t.db, demotedToken);
    const runId = (await call('POST', 'runs/create', { experiment_id: '0', start_time: NOW })).body.run.info
      .run_id;
    await t.db.membership.update({
      where: { teamId_userId: { teamId: team.teamId, userId: creator.id } },
      data: { role: 'VIEWER' },
    });

    expect((await demoted('GET', 'runs/get', { run_id: runId })).status).toBe(200);
    const write = await demoted('POST', 'runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'x', value: 1, timestamp: NOW, step: 0 }],
    });
    expect(write.status).toBe(403);
    expect(write.body.error_code).toBe('PERMISSION_DENIED');
    const create = await demoted('POST', 'experiments/create', { name: 'viewer-made' });
    expect(create.status).toBe(403);
    expect((await call('GET', 'runs/get', { run_id: runId })).body.run.data.metrics).toBeUndefined();
  });
});

describe('requests', () => {
  it('answers 404 ENDPOINT_NOT_FOUND for an unknown endpoint', async () => {
    const reply = await call('POST', 'runs/frobnicate', {});
    expect(reply.status).toBe(404);
    expect(reply.body.error_code).toBe('ENDPOINT_NOT_FOUND');
  });

  it('answers 400 BAD_REQUEST for malformed JSON, writing nothing', async () => {
    const reply = await call('POST', 'experiments/create', {}, { raw: '{"name": "half' });
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('BAD_REQUEST');
  });

  it('answers INVALID_PARAMETER_VALUE for a field of the wrong type', async () => {
    const runId = (await call('POST', 'runs/create', { experiment_id: '0', start_time: NOW })).body.run.info
      .run_id;
    const reply = await call('POST', 'runs/log-metric', {
      run_id: runId,
      key: 'x',
      value: 'high',
      timestamp: NOW,
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(reply.body.message).toContain("'value'");
  });

  it('refuses a dataset input that is not MLflow’s DatasetInput, so every stored run reads back', async () => {
    const runId = (await call('POST', 'runs/create', { experiment_id: '0', start_time: NOW })).body.run.info
      .run_id;
    const reply = await call('POST', 'runs/log-inputs', { run_id: runId, datasets: [{ dataset: 'iris' }] });
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect((await call('GET', 'runs/get', { run_id: runId })).body.run.inputs).toEqual({});
  });

  it('says plainly that artifacts are not stored when a client uploads one', async () => {
    const reply = await call('GET', 'artifacts/model/MLmodel', {}, { prefix: '/api/2.0/mlflow-artifacts/' });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error_code: 'ENDPOINT_NOT_FOUND',
      message: expect.stringContaining('artifacts'),
    });
  });

  it('serves the UI’s /ajax-api prefix too', async () => {
    const reply = await call(
      'GET',
      'experiments/get',
      { experiment_id: '0' },
      { prefix: '/ajax-api/2.0/mlflow/' },
    );
    expect(reply.status).toBe(200);
  });
});
