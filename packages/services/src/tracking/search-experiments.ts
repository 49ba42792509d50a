import type { SearchExperimentsInput } from '@cairn/core/schemas/tracking';
import type { ServiceContext } from '../context';
import {
  type ExperimentFilterClause,
  parseExperimentFilter,
  parseExperimentOrderBy,
} from './experiment-filter';
import { decodePageToken, encodePageToken } from './page-token';
import { findAccessibleProject } from './tracking-access';
import {
  type ExperimentRow,
  type ExperimentView,
  experimentInclude,
  toExperimentView,
} from './tracking-views';

const COLUMN = { name: '"name"', createdAt: '"createdAt"', updatedAt: '"updatedAt"', id: '"id"' } as const;

/**
 * MLflow's search_experiments within one project: filter on name, creation and update time and
 * tags; order_by; offset page tokens as MLflow's own store uses for experiments.
 */
export async function searchExperiments(
  ctx: ServiceContext,
  input: SearchExperimentsInput,
): Promise<{ experiments: ExperimentView[]; nextPageToken: string | undefined }> {
  const clauses = parseExperimentFilter(input.filter);
  const order = parseExperimentOrderBy(input.orderBy);
  const offset = input.pageToken
    ? decodePageToken(
        input.pageToken,
        (v): v is { offset: number } =>
          typeof v === 'object' && v !== null && Number.isSafeInteger((v as { offset?: unknown }).offset),
      ).offset
    : 0;
  const project = await findAccessibleProject(ctx.db, ctx, input, 'tracking:read');

  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`e."projectId" = ${param(project.id)}::uuid`];
  if (input.viewType === 'ACTIVE_ONLY') where.push('e."deletedAt" IS NULL');
  if (input.viewType === 'DELETED_ONLY') where.push('e."deletedAt" IS NOT NULL');
  for (const clause of clauses) where.push(conditionOf(clause, param));
  const orderBy = order.map((term) => `e.${COLUMN[term.column]} ${term.isAscending ? 'ASC' : 'DESC'}`);
  const rows = await ctx.db.$queryRawUnsafe<Omit<ExperimentRow, 'tags'>[]>(
    `SELECT e."id", e."teamId", e."projectId", e."name", e."artifactLocation", e."deletedAt", e."createdAt", e."updatedAt"
       FROM "Experiment" e
      WHERE ${where.join(' AND ')}
      ORDER BY ${orderBy.join(', ')}
      LIMIT ${param(input.maxResults + 1)} OFFSET ${param(Math.max(0, offset))}`,
    ...params,
  );
  const page = rows.slice(0, input.maxResults);
  const tags = await ctx.db.experimentTag.findMany({
    where: { experimentId: { in: page.map((row) => row.id) } },
    select: { experimentId: true, ...experimentInclude.tags.select },
    orderBy: experimentInclude.tags.orderBy,
  });
  return {
    experiments: page.map((row) =>
      toExperimentView({ ...row, tags: tags.filter((tag) => tag.experimentId === row.id) }),
    ),
    nextPageToken:
      rows.length > input.maxResults ? encodePageToken({ offset: offset + input.maxResults }) : undefined,
  };
}

function conditionOf(clause: ExperimentFilterClause, param: (value: unknown) => string): string {
  switch (clause.kind) {
    case 'name':
      return `e."name" ${clause.comparator} ${param(clause.value)}`;
    case 'time':
      return `e.${COLUMN[clause.column]} ${clause.comparator} to_timestamp(${param(clause.value)}::float8 / 1000)`;
    case 'tag':
      return `EXISTS (SELECT 1 FROM "ExperimentTag" t WHERE t."experimentId" = e."id" AND t."key" = ${param(
        clause.key,
      )} AND t."value" ${clause.comparator} ${param(clause.value)})`;
  }
}
