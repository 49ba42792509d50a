import { exportAuditEventsInput } from '@cairn/core/schemas/audit';
import { appendAuditEvent } from '@cairn/db/audit-writer';
import { createTestDatabase, type TestDatabase } from '@cairn/db/testing/test-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFor, makeTeam, makeUser, type TestTeam, type TestUser } from '../testing/fixtures';
import { exportAuditEvents } from './export-audit-events';

let t: TestDatabase;
let teamA: TestTeam;
let teamB: TestTeam;
let orgAdmin: TestUser;
const TRICKY_IDS = ['plain', 'comma, inside', 'say "hi"', 'two\nlines', '=HYPERLINK("x")', '-1', '@me'];

beforeAll(async () => {
  t = await createTestDatabase();
  teamA = await makeTeam(t.db);
  teamB = await makeTeam(t.db);
  orgAdmin = await makeUser(t.db, [], { isOrgAdmin: true });
  // More than one export batch for team A, with values that need quoting or formula guarding.
  for (let i = 0; i < 2_300; i++) {
    const team = i % 3 === 0 ? teamB : teamA;
    await t.db.$transaction((tx) =>
      appendAuditEvent(tx, {
        actor: team.engineer.actor,
        request: { ip: '198.51.100.1', userAgent: 'vitest, "quoted"', requestId: `r${i}` },
        action: i % 2 ? 'project.update' : 'project.create',
        resourceType: 'Project',
        resourceId: `${TRICKY_IDS[i % TRICKY_IDS.length]}-${i}`,
        teamId: team.teamId,
        outcome: i % 10 === 0 ? 'DENIED' : 'SUCCESS',
        before: i % 2 ? { name: `old, ${i}` } : null,
        after: { name: `new "${i}"`, nested: { tags: ['a', 'b'] } },
      }),
    );
  }
}, 120_000);
afterAll(() => t.drop());

async function collect(user: TestUser, input: Record<string, unknown>) {
  const chunks = await exportAuditEvents(contextFor(t.db, user), exportAuditEventsInput.parse(input));
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is a quote, records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const nextChar = text[i + 1];
    if (isQuoted && char === '"' && nextChar === '"') {
      field += '"';
      i++;
    } else if (isQuoted && char === '"') {
      isQuoted = false;
    } else if (isQuoted) {
      field += char;
    } else if (char === '"') {
      isQuoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && nextChar === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += char;
    }
  }
  return records;
}

const guarded = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

async function rowsInDb(where: object) {
  return t.db.auditEvent.findMany({ where, orderBy: { seq: 'asc' } });
}

describe('exportAuditEvents', () => {
  it('exports exactly the rows of the filtered range as CSV, quoted and formula-guarded', async () => {
    const csv = await collect(teamA.admin, { teamId: teamA.teamId, action: 'project.update' });
    const [header, ...records] = parseCsv(csv);
    expect(header?.[0]).toBe('seq');
    const expected = await rowsInDb({ teamId: teamA.teamId, action: { startsWith: 'project.update' } });
    expect(expected.length).toBeGreaterThan(700);
    expect(records).toEqual(
      expected.map((row) => [
        row.seq.toString(),
        row.occurredAt.toISOString(),
        row.actorType,
        row.actorLabel,
        row.actorUserId ?? '',
        row.actorTokenId ?? '',
        row.onBehalfOfUserId ?? '',
        row.action,
        row.resourceType,
        guarded(row.resourceId ?? ''),
        row.teamId ?? '',
        row.outcome,
        row.reason ?? '',
        row.before === null ? '' : JSON.stringify(row.before),
        row.after === null ? '' : JSON.stringify(row.after),
        row.ip ?? '',
        row.userAgent ?? '',
        row.requestId ?? '',
        row.awsRequestId ?? '',
        row.prevHash,
        row.hash,
      ]),
    );
  });

  it('exports the same range as JSON Lines, one object per event, oldest first', async () => {
    const from = (await rowsInDb({ teamId: teamA.teamId }))[100]!.occurredAt;
    const head = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    const jsonl = await collect(orgAdmin, {
      teamId: teamA.teamId,
      outcome: 'SUCCESS',
      from,
      format: 'jsonl',
    });
    const lines = jsonl.trimEnd().split('\n');
    // The export's own audit event comes after the head it was bounded by.
    const expected = await rowsInDb({
      teamId: teamA.teamId,
      outcome: 'SUCCESS',
      occurredAt: { gte: from },
      seq: { lte: head.seq },
    });
    expect(lines.map((line) => JSON.parse(line))).toEqual(
      expected.map((row) => ({
        ...row,
        seq: row.seq.toString(),
        occurredAt: row.occurredAt.toISOString(),
        before: row.before ?? null,
        after: row.after ?? null,
      })),
    );
  });

  it('is audited before the first row, with the filters and the head it stops at', async () => {
    const head = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await collect(orgAdmin, { resourceId: 'comma', format: 'jsonl' });
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: 'audit.export', actorUserId: orgAdmin.id },
      orderBy: { seq: 'desc' },
    });
    expect(event.after).toMatchObject({
      format: 'jsonl',
      filters: { resourceId: 'comma' },
      throughSeq: head.seq.toString(),
    });
  });

  it('lets org admins export every team, team admins only their own team, and nobody else', async () => {
    const everything = await collect(orgAdmin, { format: 'jsonl' });
    expect(everything.trimEnd().split('\n').length).toBeGreaterThanOrEqual(2_300);
    await expect(collect(teamA.admin, { teamId: teamB.teamId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(collect(teamA.admin, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(collect(teamA.engineer, { teamId: teamA.teamId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(collect(teamA.approver, { teamId: teamA.teamId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
