import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { canReadSomeAudit } from '~/lib/access';
import { requireSessionUser } from '~/server/session';
import { AuditView } from './audit-view';

export const metadata: Metadata = { title: 'Audit trail' };

export default async function AuditPage() {
  const session = await requireSessionUser();
  const viewer = {
    isOrgAdmin: session.user.isOrgAdmin,
    teams: session.teams.map((t) => ({ id: t.id, role: t.role })),
  };
  if (!canReadSomeAudit(viewer)) notFound();
  return <AuditView />;
}
