import { isDomainError } from '@cairn/core/errors';
import { exportAuditEventsInput } from '@cairn/core/schemas/audit';
import { exportAuditEvents } from '@cairn/services/audit/export-audit-events';
import { recordAttempt } from '@cairn/services/audit/record-audit';
import { z } from 'zod';
import { db } from '~/server/db';
import { getRequestMeta, getSessionUser } from '~/server/session';

export const dynamic = 'force-dynamic';

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
} as const;
const FILTERS = [
  'teamId',
  'actor',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'from',
  'to',
  'format',
];

/**
 * GET /api/audit/export?format=csv|jsonl&<the list's filters>: the filtered events, oldest first,
 * streamed batch by batch as a download. Authorized like the list (org admins everything, team
 * admins their own team) and audited; refusals are audited too.
 */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return new Response('Sign in to export the audit trail', { status: 401 });
  const url = new URL(request.url);
  const query = Object.fromEntries(
    FILTERS.flatMap((name) => {
      const value = url.searchParams.get(name)?.trim();
      return value ? [[name, value]] : [];
    }),
  );
  const parsed = exportAuditEventsInput.safeParse(query);
  if (!parsed.success) {
    return Response.json({ errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  const ctx = { db, actor: user.actor, request: await getRequestMeta() };
  let chunks: AsyncGenerator<string>;
  try {
    chunks = await exportAuditEvents(ctx, parsed.data);
  } catch (error) {
    if (isDomainError(error) && error.code === 'FORBIDDEN') {
      await recordAttempt(ctx, {
        action: 'audit.export',
        resourceType: 'AuditTrail',
        outcome: 'DENIED',
        reason: error.message,
        teamId: parsed.data.teamId ?? null,
      });
      return new Response(error.message, { status: 403 });
    }
    throw error;
  }
  const encoder = new TextEncoder();
  // Pull-based: the next batch is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPE[parsed.data.format],
      'Content-Disposition': `attachment; filename="cairn-audit-${stamp}.${parsed.data.format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
