'use client';

import { Menu } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';

export interface ActionsMenuItem {
  key: string;
  label: ReactNode;
  onClick?: () => void;
  color?: string;
  disabled?: boolean;
  rightSection?: ReactNode;
}

export interface ActionsMenuPopupProps {
  target: ReactElement;
  items: ReadonlyArray<ActionsMenuItem>;
  /** A label above the items. */
  heading?: string;
  width?: number;
}

/** Mantine's menu over the given items, open from the moment it mounts (see ActionsMenu). */
export function ActionsMenuPopup({ target, items, heading, width }: ActionsMenuPopupProps) {
  return (
    <Menu position="bottom-end" width={width} shadow="md" withinPortal defaultOpened>
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown>
        {heading && <Menu.Label>{heading}</Menu.Label>}
        {items.map((item) => (
          <Menu.Item
            key={item.key}
            onClick={item.onClick}
            color={item.color}
            disabled={item.disabled}
            rightSection={item.rightSection}
          >
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
