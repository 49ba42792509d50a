'use client';

import { Button, Group, MantineProvider, Paper, Stack, Text, Title, Transition } from '@mantine/core';
import dynamic from 'next/dynamic';
import { type ReactNode, useEffect } from 'react';
import { EmptyPanel, ErrorState, LoadingRows, NotFoundState } from '~/components/states';
import { theme } from '~/theme';
import { TRPCReactProvider } from '~/trpc/client';
import { holdEarlyModalEvents } from './early-modal-events';

// Toasts live in a store that keeps what was shown before this mounts, so the renderer (its
// transitions and scroll lock) loads after the page instead of with it.
const Notifications = dynamic(() => import('@mantine/notifications').then((module) => module.Notifications), {
  ssr: false,
});

// The confirm-dialog host (Mantine's modal with its focus trap, scroll lock and scroll area) loads
// the same way; a dialog asked for before it has mounted opens when it does.
holdEarlyModalEvents();
const ModalsHost = dynamic(() => import('./modals-host').then((module) => module.ModalsHost), { ssr: false });

// Every page draws with these, and each page's view, error boundary and not-found page are chunked
// apart: held here, they come once in the root chunk instead of a copy in each of those chunks.
export const SHARED_UI = [
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Title,
  Transition,
  EmptyPanel,
  ErrorState,
  LoadingRows,
  NotFoundState,
];

export function Providers({ children }: { children: ReactNode }) {
  // Marks the document once React has taken over the server's HTML: a click before then does
  // nothing, so browser tests wait for the mark after each full page load.
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <TRPCReactProvider>
        <Notifications position="top-right" limit={4} />
        <ModalsHost />
        {children}
      </TRPCReactProvider>
    </MantineProvider>
  );
}
