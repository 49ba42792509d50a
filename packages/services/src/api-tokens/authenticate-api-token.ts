import type { Actor } from '@cairn/core/actor';
import type { PrismaClient } from '@cairn/db/client';
import { parseTokenSecret, secretMatches } from './token-secret';

const TOUCH_INTERVAL_MS = 60_000;

/** Resolves a presented secret to an API-token actor, or null if unknown, expired or revoked. */
export async function authenticateApiToken(db: PrismaClient, presented: string): Promise<Actor | null> {
  const parsed = parseTokenSecret(presented.trim());
  if (!parsed) return null;
  const token = await db.apiToken.findUnique({
    where: { prefix: parsed.prefix },
    include: { createdBy: { select: { email: true, disabledAt: true } } },
  });
  if (!token || !secretMatches(presented.trim(), token.secretHash)) return null;
  const now = new Date();
  if (token.revokedAt || token.expiresAt <= now || token.createdBy.disabledAt) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    kind: 'apiToken',
    tokenId: token.id,
    userId: token.createdById,
    label: `token cairn_${token.prefix}_ (${token.createdBy.email})`,
    teamId: token.teamId,
    projectId: token.projectId,
  };
}
