import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { canReadSomeAudit } from '~/lib/access';
import { requireSessionUser } from '~/server/session';
import { auditFiltersFromSearchParams, auditFiltersToSearchParams } from './audit-filter-params';
import { AuditView } from './audit-view';

export const metadata: Metadata = { title: 'Audit trail' };

interface AuditPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AuditPage({ searchParams }: AuditPageProps) {
  const session = await requireSessionUser();
  const viewer = {
    isOrgAdmin: session.user.isOrgAdmin,
    teams: session.teams.map((t) => ({ id: t.id, role: t.role })),
  };
  if (!canReadSomeAudit(viewer)) notFound();
  const filters = auditFiltersFromSearchParams(await searchParams);
  // A new query (a history link followed from this page) starts the view afresh.
  return <AuditView key={auditFiltersToSearchParams(filters).toString()} initialFilters={filters} />;
}
