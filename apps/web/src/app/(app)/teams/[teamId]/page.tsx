import { TeamOverview } from './team-overview';

export default function TeamPage() {
  return <TeamOverview />;
}
