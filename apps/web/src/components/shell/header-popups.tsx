'use client';

import {
  Button,
  Divider,
  Group,
  Menu,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconLogout from '@tabler/icons-react/icons/IconLogout';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ErrorState, LoadingRows } from '~/components/states';
import type { SessionViewer } from '~/components/viewer-context';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { BellButton, DemoBadge, UserMenuButton } from './header-buttons';

// The header's menus, popover and tooltip with the positioning code they need. Every page shows
// the header, so this module loads once the page is interactive rather than with its first load;
// until then the header draws the same buttons, and a click on one opens its menu once loaded.

// next-auth's client is needed only to sign out, so it loads on that click.
async function signOutToSignIn() {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/signin' });
}

export function UserMenuPopup({
  viewer,
  isInitiallyOpen,
}: {
  viewer: SessionViewer;
  isInitiallyOpen: boolean;
}) {
  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal defaultOpened={isInitiallyOpen}>
      <Menu.Target>
        <UserMenuButton viewer={viewer} />
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

/** The bell's popover: the latest notifications, each one a link that marks it read. */
export function NotificationsPopover({
  unread,
  isInitiallyOpen,
}: {
  unread: number;
  isInitiallyOpen: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isOpen, popover] = useDisclosure(isInitiallyOpen);
  // The bell polls this list; the popover reads the same cached answer.
  const list = useQuery(trpc.notification.list.queryOptions({}));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notification.list.pathKey() });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: refresh }));

  function open(item: { id: string; link: string; readAt: Date | null }) {
    popover.close();
    if (!item.readAt) markRead.mutate({ ids: [item.id] });
    router.push(item.link);
  }

  return (
    <Popover
      opened={isOpen}
      onChange={(opened) => (opened ? popover.open() : popover.close())}
      width={360}
      position="bottom-end"
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <BellButton unread={unread} onClick={popover.toggle} />
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={unread === 0}
            loading={markRead.isPending && !markRead.variables?.ids}
            onClick={() => markRead.mutate({})}
          >
            Mark all read
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          <Stack gap={0} p={4}>
            {list.isPending && <LoadingRows rows={3} height={36} />}
            {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
            {list.data?.items.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                Nothing yet. Approval requests and decisions that concern you show up here.
              </Text>
            )}
            {list.data?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                onClick={() => open(item)}
                p="xs"
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                bg={item.readAt ? undefined : 'var(--mantine-color-blue-light)'}
                aria-label={item.title}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={item.readAt ? 400 : 700} lineClamp={2}>
                    {item.title}
                  </Text>
                  <Text size="xs" c="dimmed" title={formatUtc(item.createdAt)} style={{ flexShrink: 0 }}>
                    {formatRelative(item.createdAt)}
                  </Text>
                </Group>
                {item.body && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {item.body}
                  </Text>
                )}
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

export function DemoTooltip() {
  return (
    <Tooltip label="Demo data, demo logins. Not for production use.">
      <DemoBadge />
    </Tooltip>
  );
}
