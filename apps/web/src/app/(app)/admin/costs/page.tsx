import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireSessionUser } from '~/server/session';
import { OrgCostsView } from './org-costs-view';

export const metadata: Metadata = { title: 'Costs' };

export default async function OrgCostsPage() {
  const session = await requireSessionUser();
  if (!session.user.isOrgAdmin) notFound();
  return <OrgCostsView />;
}
