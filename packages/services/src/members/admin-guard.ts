import { conflict } from '@cairn/core/errors';
import type { Tx } from '@cairn/db/client';

/** A team must keep at least one admin; checked after the change, inside its transaction. */
export async function assertTeamKeepsAnAdmin(tx: Tx, teamId: string) {
  // Lock the team's memberships so two concurrent demotions cannot both pass.
  await tx.$queryRaw`SELECT id FROM "Membership" WHERE "teamId" = ${teamId}::uuid FOR UPDATE`;
  const admins = await tx.membership.count({ where: { teamId, role: 'ADMIN' } });
  if (admins === 0) throw conflict('A team must keep at least one admin');
}
