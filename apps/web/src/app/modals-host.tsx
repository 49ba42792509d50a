'use client';

import { ModalsProvider } from '@mantine/modals';
import { useEffect } from 'react';
import { releaseEarlyModalEvents } from './early-modal-events';

/** Renders the modals opened through @mantine/modals (confirm dialogs); see early-modal-events. */
export function ModalsHost() {
  // The provider's own listeners are attached by now: a child's effects run before its parent's.
  useEffect(() => releaseEarlyModalEvents(), []);
  return <ModalsProvider />;
}
