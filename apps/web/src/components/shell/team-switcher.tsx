'use client';

import { Select } from '@mantine/core';
import IconUsersGroup from '@tabler/icons-react/icons/IconUsersGroup';
import { usePathname, useRouter } from 'next/navigation';
import { switchTeamPath } from '~/lib/team-path';
import type { FrameTeam } from './app-frame';

export function TeamSwitcher({ teams, currentTeamId }: { teams: FrameTeam[]; currentTeamId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <Select
      aria-label="Team"
      data={teams.map((team) => ({ value: team.id, label: team.name }))}
      value={currentTeamId}
      onChange={(teamId) => {
        if (teamId && teamId !== currentTeamId) router.push(switchTeamPath(pathname, teamId));
      }}
      allowDeselect={false}
      leftSection={<IconUsersGroup size={16} />}
      w={220}
      visibleFrom="xs"
      comboboxProps={{ withinPortal: true }}
      searchable={teams.length > 8}
      nothingFoundMessage="No team matches"
    />
  );
}
