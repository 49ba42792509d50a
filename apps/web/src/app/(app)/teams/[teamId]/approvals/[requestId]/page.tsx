import type { Metadata } from 'next';
import { findOrNotFound, getCaller } from '~/trpc/server';
import { ApprovalRequestView } from './approval-request-view';

interface ApprovalRequestPageProps {
  params: Promise<{ teamId: string; requestId: string }>;
}

async function loadRequest({ params }: ApprovalRequestPageProps) {
  const { teamId, requestId } = await params;
  const caller = await getCaller();
  return findOrNotFound(() => caller.approval.byId({ teamId, requestId }));
}

export async function generateMetadata(props: ApprovalRequestPageProps): Promise<Metadata> {
  const detail = await loadRequest(props);
  return { title: `Approval of ${detail.version.modelGroup.name} v${detail.version.version}` };
}

export default async function ApprovalRequestPage(props: ApprovalRequestPageProps) {
  const detail = await loadRequest(props);
  return <ApprovalRequestView requestId={detail.request.id} />;
}
