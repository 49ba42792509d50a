'use client';

import { NativeSelect } from '@mantine/core';
import IconUsersGroup from '@tabler/icons-react/icons/IconUsersGroup';
import { usePathname, useRouter } from 'next/navigation';
import { switchTeamPath } from '~/lib/team-path';
import type { FrameTeam } from './app-frame';

// A native select: the browser draws the list (with type-ahead), so every page's header does
// without Mantine's combobox and its positioning code.
export function TeamSwitcher({ teams, currentTeamId }: { teams: FrameTeam[]; currentTeamId: string | null }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <NativeSelect
      aria-label="Team"
      data={teams.map((team) => ({ value: team.id, label: team.name }))}
      value={currentTeamId ?? ''}
      onChange={(event) => {
        const teamId = event.currentTarget.value;
        if (teamId && teamId !== currentTeamId) router.push(switchTeamPath(pathname, teamId));
      }}
      leftSection={<IconUsersGroup size={16} />}
      w={220}
      visibleFrom="xs"
    />
  );
}
