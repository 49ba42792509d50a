'use client';

import type { ModalProps } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';

// Mantine's modal brings its focus trap, scroll lock, transitions and a scroll area with its
// positioning code; it loads the first time a modal opens rather than with the page that may open one.
const Modal = lazy(() => import('./mantine-modal').then((module) => ({ default: module.Modal })));

/** Mantine's Modal, loaded on first open and kept mounted after, so closing still animates. */
export function DeferredModal(props: ModalProps) {
  const [hasOpened, setHasOpened] = useState(props.opened);
  if (props.opened && !hasOpened) setHasOpened(true);
  if (!hasOpened) return null;
  return (
    <Suspense fallback={null}>
      <Modal {...props} />
    </Suspense>
  );
}
