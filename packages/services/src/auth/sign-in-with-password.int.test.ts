import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, testRequest } from '../testing/fixtures';
import { hashPassword } from './password';
import { resolveSessionUser } from './resolve-session-user';
import { signInWithPassword } from './sign-in-with-password';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const anonymous = { kind: 'anonymous', label: 'web' } as const;

describe('signInWithPassword', () => {
  it('signs in with the right password and audits it', async () => {
    const user = await makeUser(t.db, [], { passwordHash: await hashPassword('right horse') });
    const ctx = { db: t.db, actor: anonymous, request: { ...testRequest, ip: '192.0.2.1' } };
    await expect(
      signInWithPassword(ctx, { email: user.email, password: 'right horse' }),
    ).resolves.toMatchObject({
      userId: user.id,
    });
    const events = await t.db.auditEvent.findMany({ where: { action: 'auth.signIn', resourceId: user.id } });
    expect(events.map((e) => e.outcome)).toEqual(['SUCCESS']);
  });

  it('refuses a wrong password with a clear message, audited as denied', async () => {
    const user = await makeUser(t.db, [], { passwordHash: await hashPassword('right horse') });
    const ctx = { db: t.db, actor: anonymous, request: { ...testRequest, ip: '192.0.2.2' } };
    await expect(signInWithPassword(ctx, { email: user.email, password: 'wrong' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Wrong email or password.',
    });
    const denied = await t.db.auditEvent.count({ where: { actorLabel: user.email, outcome: 'DENIED' } });
    expect(denied).toBe(1);
  });

  it('rate-limits after five failures for one address, even with the right password', async () => {
    const user = await makeUser(t.db, [], { passwordHash: await hashPassword('right horse') });
    const ctx = { db: t.db, actor: anonymous, request: { ...testRequest, ip: '192.0.2.3' } };
    for (let i = 0; i < 5; i++) {
      await expect(
        signInWithPassword(ctx, { email: user.email, password: `guess ${i}` }),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
    await expect(
      signInWithPassword(ctx, { email: user.email, password: 'right horse' }),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
  });

  it('refuses a disabled user', async () => {
    const user = await makeUser(t.db, [], { passwordHash: await hashPassword('right horse') });
    await t.db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const ctx = { db: t.db, actor: anonymous, request: { ...testRequest, ip: '192.0.2.4' } };
    await expect(
      signInWithPassword(ctx, { email: user.email, password: 'right horse' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('resolveSessionUser', () => {
  it('ends sessions issued before a revocation, of disabled users, and past 12 hours', async () => {
    const user = await makeUser(t.db);
    const issuedAt = new Date(Date.now() + 1000);
    expect(await resolveSessionUser(t.db, { userId: user.id, issuedAt })).not.toBeNull();
    expect(
      await resolveSessionUser(t.db, { userId: user.id, issuedAt: new Date(Date.now() - 13 * 3600_000) }),
    ).toBeNull();
    await t.db.user.update({
      where: { id: user.id },
      data: { sessionsValidFrom: new Date(Date.now() + 5000) },
    });
    expect(await resolveSessionUser(t.db, { userId: user.id, issuedAt })).toBeNull();
    await t.db.user.update({
      where: { id: user.id },
      data: { sessionsValidFrom: new Date(0), disabledAt: new Date() },
    });
    expect(await resolveSessionUser(t.db, { userId: user.id, issuedAt })).toBeNull();
  });
});
