'use client';

import type { Role } from '@cairn/core/roles';
import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure, useLocalStorage } from '@mantine/hooks';
import Link from 'next/link';
import { useParams, usePathname } from 'next/navigation';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Logo } from '~/components/logo';
import { type SessionViewer, ViewerProvider } from '~/components/viewer-context';
import { DemoBadge } from './header-buttons';
import { NavigationLinks } from './navigation-links';
import { NotificationsBell } from './notifications-bell';
import { TeamSwitcher } from './team-switcher';
import { useIsHydrated } from './use-is-hydrated';
import { UserMenu } from './user-menu';

const DemoTooltip = lazy(() => import('./header-popups').then((module) => ({ default: module.DemoTooltip })));

export interface FrameTeam {
  id: string;
  name: string;
  role: Role | null;
}

interface AppFrameProps {
  viewer: SessionViewer;
  teams: FrameTeam[];
  isDemo: boolean;
  children: ReactNode;
}

export function AppFrame({ viewer, teams, isDemo, children }: AppFrameProps) {
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  const pathname = usePathname();
  const params = useParams<{ teamId?: string }>();
  const [storedTeamId, setStoredTeamId] = useLocalStorage<string | null>({
    key: 'cairn:team',
    defaultValue: null,
  });

  const routeTeamId = params.teamId && teams.some((t) => t.id === params.teamId) ? params.teamId : null;
  const currentTeam =
    teams.find((t) => t.id === routeTeamId) ?? teams.find((t) => t.id === storedTeamId) ?? teams[0] ?? null;

  // Remember the team last visited so Home and the admin pages keep the same team context.
  useEffect(() => {
    if (routeTeamId) setStoredTeamId(routeTeamId);
  }, [routeTeamId, setStoredTeamId]);

  // Close the mobile navigation after following a link.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => close(), [pathname]);

  return (
    <ViewerProvider viewer={viewer}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !isNavOpen } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Burger
                opened={isNavOpen}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <Link href="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="Cairn home">
                <Logo />
              </Link>
              {teams.length > 0 && <TeamSwitcher teams={teams} currentTeamId={currentTeam?.id ?? null} />}
            </Group>
            <Group gap="sm" wrap="nowrap">
              {isDemo && <DemoNotice />}
              <NotificationsBell />
              <UserMenu viewer={viewer} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm">
          <NavigationLinks viewer={viewer} team={currentTeam} />
        </AppShell.Navbar>
        <AppShell.Main bg="var(--mantine-color-gray-0)">{children}</AppShell.Main>
      </AppShell>
    </ViewerProvider>
  );
}

/** The demo badge; its explaining tooltip comes with the header's other popups once the page is interactive. */
function DemoNotice() {
  const isHydrated = useIsHydrated();
  if (!isHydrated) return <DemoBadge />;
  return (
    <Suspense fallback={<DemoBadge />}>
      <DemoTooltip />
    </Suspense>
  );
}
