'use client';

import { type ReactElement, type ReactNode, Suspense, useState } from 'react';

interface OpenOnFirstClickProps {
  /** The button that opens the popup; given `onClick` until the popup's code has loaded. */
  trigger: (onClick?: () => void) => ReactElement;
  /** The popup (a lazy component), given the button as its target; it mounts open. */
  popup: (target: ReactElement) => ReactNode;
}

/**
 * Menus and popovers bring Mantine's positioning code (floating-ui); a page showing one loads it on
 * the first click instead of with the page. Until then the page draws the same button, and the
 * popup opens as soon as its code arrives.
 */
export function OpenOnFirstClick({ trigger, popup }: OpenOnFirstClickProps) {
  const [isRequested, setRequested] = useState(false);
  if (!isRequested) return trigger(() => setRequested(true));
  return <Suspense fallback={trigger()}>{popup(trigger())}</Suspense>;
}
