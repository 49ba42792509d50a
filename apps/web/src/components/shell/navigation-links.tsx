'use client';

import { Badge, Box, Divider, NavLink, Stack, Text } from '@mantine/core';
import IconCoin from '@tabler/icons-react/icons/IconCoin';
import IconFolders from '@tabler/icons-react/icons/IconFolders';
import IconGavel from '@tabler/icons-react/icons/IconGavel';
import IconHome from '@tabler/icons-react/icons/IconHome';
import IconLayoutDashboard from '@tabler/icons-react/icons/IconLayoutDashboard';
import IconSettings from '@tabler/icons-react/icons/IconSettings';
import IconShieldCheck from '@tabler/icons-react/icons/IconShieldCheck';
import IconStack2 from '@tabler/icons-react/icons/IconStack2';
import IconUserCog from '@tabler/icons-react/icons/IconUserCog';
import IconUsers from '@tabler/icons-react/icons/IconUsers';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import type { SessionViewer } from '~/components/viewer-context';
import { can, canDecideSomewhere, canReadSomeAudit } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import type { FrameTeam } from './app-frame';

interface Item {
  href: string;
  label: string;
  icon: ReactNode;
  /** Exact match only: the team overview must not light up on its sub-pages. */
  isExact?: boolean;
  rightSection?: ReactNode;
}

const DESK_POLL_MS = 15_000;

function isActive(pathname: string, item: Item) {
  return item.isExact
    ? pathname === item.href
    : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

function Section({ title, items, pathname }: { title?: string; items: Item[]; pathname: string }) {
  return (
    <Stack gap={2}>
      {title && (
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4} truncate>
          {title}
        </Text>
      )}
      {items.map((item) => (
        <NavLink
          key={item.href}
          component={Link}
          href={item.href}
          label={item.label}
          leftSection={item.icon}
          rightSection={item.rightSection}
          active={isActive(pathname, item)}
          variant="light"
          style={{ borderRadius: 'var(--mantine-radius-md)' }}
        />
      ))}
    </Stack>
  );
}

export function NavigationLinks({ viewer, team }: { viewer: SessionViewer; team: FrameTeam | null }) {
  const pathname = usePathname();
  const trpc = useTRPC();
  const isApprover = canDecideSomewhere(viewer);
  const desk = useQuery({
    ...trpc.approval.desk.queryOptions(),
    enabled: isApprover,
    refetchInterval: DESK_POLL_MS,
  });
  const waiting = desk.data?.items.filter((item) => item.canDecide).length ?? 0;
  const icon = (Icon: typeof IconHome) => <Icon size={18} stroke={1.6} />;
  const topItems: Item[] = [
    { href: '/', label: 'Home', icon: icon(IconHome), isExact: true },
    ...(isApprover
      ? [
          {
            href: '/approvals',
            label: 'Approvals',
            icon: icon(IconGavel),
            rightSection:
              waiting > 0 ? (
                <Badge size="sm" color="red" circle={waiting < 10} aria-label={`${waiting} waiting for you`}>
                  {waiting}
                </Badge>
              ) : null,
          },
        ]
      : []),
  ];
  const teamItems: Item[] = team
    ? [
        { href: `/teams/${team.id}`, label: 'Overview', icon: icon(IconLayoutDashboard), isExact: true },
        { href: `/teams/${team.id}/projects`, label: 'Projects', icon: icon(IconFolders) },
        { href: `/teams/${team.id}/members`, label: 'Members', icon: icon(IconUsers) },
        ...(can(viewer, team.id, 'team:settings')
          ? [
              { href: `/teams/${team.id}/costs`, label: 'Team costs', icon: icon(IconCoin) },
              { href: `/teams/${team.id}/settings`, label: 'Settings', icon: icon(IconSettings) },
            ]
          : []),
      ]
    : [];
  const adminItems: Item[] = [
    ...(canReadSomeAudit(viewer)
      ? [{ href: '/admin/audit', label: 'Audit trail', icon: icon(IconShieldCheck) }]
      : []),
    ...(viewer.isOrgAdmin ? [{ href: '/admin/costs', label: 'Costs', icon: icon(IconCoin) }] : []),
    ...(viewer.isOrgAdmin ? [{ href: '/admin/users', label: 'Users', icon: icon(IconUserCog) }] : []),
    ...(viewer.isOrgAdmin
      ? [{ href: '/admin/operations', label: 'Operations', icon: icon(IconStack2) }]
      : []),
  ];
  return (
    // A plain scrolling box with its scrollbar hidden: Mantine's ScrollArea would bring its
    // positioning code into every page's first load for a list that rarely scrolls.
    <Box h="100%" style={{ overflowY: 'auto', scrollbarWidth: 'none' }}>
      <Stack gap="xs">
        <Section items={topItems} pathname={pathname} />
        {team && (
          <>
            <Divider />
            <Section title={team.name} items={teamItems} pathname={pathname} />
          </>
        )}
        {adminItems.length > 0 && (
          <>
            <Divider />
            <Section title="Administration" items={adminItems} pathname={pathname} />
          </>
        )}
      </Stack>
    </Box>
  );
}
