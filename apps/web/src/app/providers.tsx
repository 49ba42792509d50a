'use client';

import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import { theme } from '~/theme';
import { TRPCReactProvider } from '~/trpc/client';

// Toasts live in a store that keeps what was shown before this mounts, so the renderer (its
// transitions and scroll lock) loads after the page instead of with it.
const Notifications = dynamic(() => import('@mantine/notifications').then((module) => module.Notifications), {
  ssr: false,
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <TRPCReactProvider>
        <ModalsProvider>
          <Notifications position="top-right" limit={4} />
          {children}
        </ModalsProvider>
      </TRPCReactProvider>
    </MantineProvider>
  );
}
