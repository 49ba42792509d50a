'use client';

import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { useTRPC } from '~/trpc/client';
import { BellButton } from './header-buttons';
import { useIsHydrated } from './use-is-hydrated';

const POLL_MS = 15_000;

const NotificationsPopover = lazy(() =>
  import('./header-popups').then((module) => ({ default: module.NotificationsPopover })),
);

/** The header's bell: unread count, the latest notifications, each one a link that marks it read. */
export function NotificationsBell() {
  const trpc = useTRPC();
  const isHydrated = useIsHydrated();
  const [isOpenRequested, setOpenRequested] = useState(false);
  const list = useQuery({ ...trpc.notification.list.queryOptions({}), refetchInterval: POLL_MS });
  const unread = list.data?.unread ?? 0;
  const button = <BellButton unread={unread} onClick={() => setOpenRequested(true)} />;
  if (!isHydrated) return button;
  return (
    <Suspense fallback={button}>
      <NotificationsPopover unread={unread} isInitiallyOpen={isOpenRequested} />
    </Suspense>
  );
}
