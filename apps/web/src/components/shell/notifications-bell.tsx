'use client';

import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconBell from '@tabler/icons-react/icons/IconBell';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ErrorState, LoadingRows } from '~/components/states';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const POLL_MS = 15_000;

/** The header's bell: unread count, the latest notifications, each one a link that marks it read. */
export function NotificationsBell() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isOpen, popover] = useDisclosure(false);
  const list = useQuery({ ...trpc.notification.list.queryOptions({}), refetchInterval: POLL_MS });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notification.list.pathKey() });
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: refresh }));
  const unread = list.data?.unread ?? 0;

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
        <Indicator
          label={unread > 99 ? '99+' : unread}
          size={18}
          color="red"
          offset={4}
          disabled={unread === 0}
          data-testid="notifications-unread"
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
            onClick={popover.toggle}
          >
            <IconBell size={20} stroke={1.6} />
          </ActionIcon>
        </Indicator>
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
