import type { ListProjectsInput } from '@cairn/core/schemas/project';
import type { ServiceContext } from '../context';

/** A team's projects, newest first, by keyset on the time-ordered id. */
export async function listProjects(ctx: ServiceContext, input: ListProjectsInput) {
  const rows = await ctx.db.project.findMany({
    where: {
      teamId: input.teamId,
      ...(input.includeArchived ? {} : { archivedAt: null }),
      ...(input.cursor ? { id: { lt: input.cursor } } : {}),
    },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
    include: { _count: { select: { apiTokens: { where: { revokedAt: null } } } } },
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((p) => ({
      id: p.id,
      teamId: p.teamId,
      name: p.name,
      slug: p.slug,
      description: p.description,
      isArchived: p.archivedAt !== null,
      createdAt: p.createdAt,
      activeTokenCount: p._count.apiTokens,
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]?.id : undefined,
  };
}
