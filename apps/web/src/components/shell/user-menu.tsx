'use client';

import { lazy, Suspense, useState } from 'react';
import type { SessionViewer } from '~/components/viewer-context';
import { UserMenuButton } from './header-buttons';
import { useIsHydrated } from './use-is-hydrated';

const UserMenuPopup = lazy(() =>
  import('./header-popups').then((module) => ({ default: module.UserMenuPopup })),
);

export function UserMenu({ viewer }: { viewer: SessionViewer }) {
  const isHydrated = useIsHydrated();
  const [isOpenRequested, setOpenRequested] = useState(false);
  const button = <UserMenuButton viewer={viewer} onClick={() => setOpenRequested(true)} />;
  if (!isHydrated) return button;
  return (
    <Suspense fallback={button}>
      <UserMenuPopup viewer={viewer} isInitiallyOpen={isOpenRequested} />
    </Suspense>
  );
}
