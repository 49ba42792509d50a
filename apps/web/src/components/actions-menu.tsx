'use client';

import { lazy, type ReactElement } from 'react';
import type { ActionsMenuPopupProps } from './actions-menu-popup';
import { OpenOnFirstClick } from './open-on-first-click';

const ActionsMenuPopup = lazy(() =>
  import('./actions-menu-popup').then((module) => ({ default: module.ActionsMenuPopup })),
);

interface ActionsMenuProps extends Omit<ActionsMenuPopupProps, 'target'> {
  /** The button that opens the menu (given `onClick` until the menu's code has loaded). */
  trigger: (onClick?: () => void) => ReactElement;
}

/** A menu of actions behind a button; the menu's code loads on the first click. */
export function ActionsMenu({ trigger, ...menu }: ActionsMenuProps) {
  return (
    <OpenOnFirstClick trigger={trigger} popup={(target) => <ActionsMenuPopup target={target} {...menu} />} />
  );
}
