import type { ServiceContext } from '../context';

const RECENT_CHECKS = 10;

/** The team's latest AWS access checks, newest first. */
export async function listAwsAccessChecks(ctx: ServiceContext, input: { teamId: string }) {
  return ctx.db.awsAccessCheck.findMany({
    where: { teamId: input.teamId },
    orderBy: { id: 'desc' },
    take: RECENT_CHECKS,
  });
}
