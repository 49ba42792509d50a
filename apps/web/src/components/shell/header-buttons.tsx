'use client';

import { ActionIcon, Avatar, Badge, Group, Indicator, Text, UnstyledButton } from '@mantine/core';
import IconBell from '@tabler/icons-react/icons/IconBell';
import IconChevronDown from '@tabler/icons-react/icons/IconChevronDown';
import type { ComponentPropsWithRef, MouseEventHandler } from 'react';
import type { SessionViewer } from '~/components/viewer-context';
import { initials } from '~/lib/format';

// The header's triggers, drawn the same before and after their menus load (see header-popups).

export function UserMenuButton({
  viewer,
  ...props
}: { viewer: SessionViewer } & ComponentPropsWithRef<'button'>) {
  return (
    <UnstyledButton aria-label="Account menu" data-testid="user-menu" {...props}>
      <Group gap={8} wrap="nowrap">
        <Avatar color="teal" radius="xl" size={32}>
          {initials(viewer.name)}
        </Avatar>
        <Text size="sm" fw={500} visibleFrom="md">
          {viewer.name}
        </Text>
        <IconChevronDown size={14} />
      </Group>
    </UnstyledButton>
  );
}

interface BellButtonProps extends Omit<ComponentPropsWithRef<'div'>, 'onClick'> {
  unread: number;
  onClick: MouseEventHandler<HTMLButtonElement>;
}

/** The bell with its unread count; other props (a popover's ref and aria attributes) go to the indicator. */
export function BellButton({ unread, onClick, ...props }: BellButtonProps) {
  return (
    <Indicator
      label={unread > 99 ? '99+' : unread}
      size={18}
      color="red"
      offset={4}
      disabled={unread === 0}
      data-testid="notifications-unread"
      {...props}
    >
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={onClick}
      >
        <IconBell size={20} stroke={1.6} />
      </ActionIcon>
    </Indicator>
  );
}

export function DemoBadge(props: ComponentPropsWithRef<'div'>) {
  return (
    <Badge color="yellow" variant="light" visibleFrom="xs" {...props}>
      Demo
    </Badge>
  );
}
