import { isDomainError } from '@cairn/core/errors';
import { costEntriesExportInput } from '@cairn/core/schemas/cost';
import { recordAttempt } from '@cairn/services/audit/record-audit';
import { exportCostEntries } from '@cairn/services/costs/export-cost-entries';
import { z } from 'zod';
import { db } from '~/server/db';
import { getRequestMeta, getSessionUser } from '~/server/session';

export const dynamic = 'force-dynamic';

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 403 } as const;

/**
 * GET /teams/:teamId/costs/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the team's cost entries of the
 * range as a CSV download, streamed page by page. Authorized like the cost page (org admins and
 * the team's admins; another team's id answers 404) and audited.
 */
export async function GET(request: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const user = await getSessionUser();
  if (!user) return new Response('Sign in to export costs', { status: 401 });
  const { teamId } = await params;
  const url = new URL(request.url);
  const parsed = costEntriesExportInput.safeParse({
    teamId,
    from: url.searchParams.get('from') ?? undefined,
    to: url.searchParams.get('to') ?? undefined,
  });
  if (!parsed.success) {
    return Response.json({ errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  const ctx = { db, actor: user.actor, request: await getRequestMeta() };
  let lines: AsyncGenerator<string>;
  try {
    lines = await exportCostEntries(ctx, parsed.data);
  } catch (error) {
    if (isDomainError(error) && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
      await recordAttempt(ctx, {
        action: 'cost.export',
        resourceType: 'CostEntry',
        outcome: 'DENIED',
        reason: error.message,
        teamId: error.code === 'FORBIDDEN' ? parsed.data.teamId : null,
      });
      return new Response(error.code === 'NOT_FOUND' ? 'Not found' : error.message, {
        status: STATUS[error.code],
      });
    }
    throw error;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const filename = `cairn-costs-${parsed.data.from}-to-${parsed.data.to}.csv`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  });
}
