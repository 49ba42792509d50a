import { notFound } from '@cairn/core/errors';
import type { RevokeApiTokenInput } from '@cairn/core/schemas/api-token';
import { recordAudit } from '../audit/record-audit';
import type { ServiceContext } from '../context';

export async function revokeApiToken(ctx: ServiceContext, input: RevokeApiTokenInput) {
  return ctx.db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: input.tokenId, teamId: input.teamId } });
    if (!token) throw notFound('API token');
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt };
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt } });
    await recordAudit(tx, ctx, {
      action: 'token.revoke',
      resourceType: 'ApiToken',
      resourceId: token.id,
      teamId: input.teamId,
      before: { name: token.name, prefix: token.prefix, isRevoked: false },
      after: { isRevoked: true },
    });
    return { id: token.id, revokedAt };
  });
}
