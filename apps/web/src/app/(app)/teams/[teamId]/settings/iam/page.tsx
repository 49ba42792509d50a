import type { Metadata } from 'next';
import { TeamIamPoliciesView } from './team-iam-policies-view';

export const metadata: Metadata = { title: 'Team role policies' };

export default function TeamIamPoliciesPage() {
  return <TeamIamPoliciesView />;
}
