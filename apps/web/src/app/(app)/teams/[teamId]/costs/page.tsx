import type { Metadata } from 'next';
import { TeamCostsView } from './team-costs-view';

export const metadata: Metadata = { title: 'Team costs' };

export default function TeamCostsPage() {
  return <TeamCostsView />;
}
