import type { Metadata } from 'next';
import { ApproverDeskView } from './approver-desk-view';

export const metadata: Metadata = { title: 'Approvals' };

/** Everyone may open it; it lists requests only in the teams where the viewer approves. */
export default function ApprovalsPage() {
  return <ApproverDeskView />;
}
