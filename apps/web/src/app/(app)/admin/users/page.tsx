import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireSessionUser } from '~/server/session';
import { UsersView } from './users-view';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const session = await requireSessionUser();
  if (!session.user.isOrgAdmin) notFound();
  return <UsersView />;
}
