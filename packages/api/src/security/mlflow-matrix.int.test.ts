import { roleHasPermission } from '@cairn/core/permissions';
import type { Role } from '@cairn/core/roles';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { makeTeam, makeUser, type TestTeam } from '@cairn/services/testing/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../mlflow/handle-mlflow-request';
import { makeToken, mlflowCaller } from '../mlflow/testing/mlflow-test-kit';
import { mlflowSampleRequests } from './mlflow-samples';

let t: TestDatabase;
let team: TestTeam;
let outsider: TestTeam;

beforeAll(async () => {
  t = await createTestDatabase();
  team = await makeTeam(t.db);
  outsider = await makeTeam(t.db);
});
afterAll(async () => {
  await t.drop();
});

/** A token made by an engineer who then holds `role`: a token acts with its creator's current role. */
async function tokenAs(role: Role, of: TestTeam): Promise<string> {
  const creator = await makeUser(t.db, [{ teamId: of.teamId, role: 'ENGINEER' }]);
  const token = await makeToken(t.db, creator, of);
  await t.db.membership.update({
    where: { teamId_userId: { teamId: of.teamId, userId: creator.id } },
    data: { role },
  });
  return token;
}

/** Endpoints that name no existing experiment or run: they act inside the token's own project. */
const PROJECT_SCOPED = new Set(['experiments/create', 'experiments/search', 'experiments/get-by-name']);

describe('MLflow REST: every endpoint, as each role and as another team, with own ids', () => {
  const roles: Role[] = ['VIEWER', 'ENGINEER', 'APPROVER', 'ADMIN'];

  for (const endpoint of Object.keys(ROUTES)) {
    const isWrite = !ROUTES[endpoint]!.methods.includes('GET');
    it(`${endpoint} (${isWrite ? 'tracking:write' : 'tracking:read'})`, async () => {
      const owner = mlflowCaller(t.db, await makeToken(t.db, team.engineer, team));
      for (const role of roles) {
        const sample = mlflowSampleRequests(owner)[endpoint];
        expect(sample, `${endpoint} needs a sample request in mlflow-samples.ts`).toBeDefined();
        const request = await sample!();
        const reply = await mlflowCaller(t.db, await tokenAs(role, team))('POST', endpoint, request);
        const expected = roleHasPermission(role, isWrite ? 'tracking:write' : 'tracking:read') ? 200 : 403;
        expect(`${role}: ${reply.status}`).toBe(`${role}: ${expected}`);
      }
      const request = await mlflowSampleRequests(owner)[endpoint]!();
      const foreign = await mlflowCaller(t.db, await tokenAs('ADMIN', outsider))('POST', endpoint, request);
      if (!PROJECT_SCOPED.has(endpoint)) {
        expect(`another team: ${foreign.status} ${foreign.body?.error_code}`).toBe(
          'another team: 404 RESOURCE_DOES_NOT_EXIST',
        );
      } else if (endpoint === 'experiments/get-by-name') {
        expect(foreign.status).toBe(404);
      } else if (endpoint === 'experiments/search') {
        expect(foreign.body.experiments ?? []).not.toContainEqual(
          expect.objectContaining({ name: expect.stringMatching(/^fuzzed-/) }),
        );
      }
    });
  }
});
