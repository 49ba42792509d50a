import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireSessionUser } from '~/server/session';
import { OperationsView } from './operations-view';

export const metadata: Metadata = { title: 'Operations' };

export default async function OperationsPage() {
  const session = await requireSessionUser();
  if (!session.user.isOrgAdmin) notFound();
  return <OperationsView />;
}
