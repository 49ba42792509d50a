'use client';

import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import IconChevronDown from '@tabler/icons-react/icons/IconChevronDown';
import IconLogout from '@tabler/icons-react/icons/IconLogout';
import type { SessionViewer } from '~/components/viewer-context';
import { initials } from '~/lib/format';

// next-auth's client is needed only to sign out, so it loads on that click rather than with every page.
async function signOutToSignIn() {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/signin' });
}

export function UserMenu({ viewer }: { viewer: SessionViewer }) {
  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu" data-testid="user-menu">
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
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={500} c="var(--mantine-color-text)" truncate>
            {viewer.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {viewer.email}
          </Text>
          {viewer.isOrgAdmin && (
            <Text size="xs" c="teal" mt={2}>
              Organization admin
            </Text>
          )}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOutToSignIn()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
