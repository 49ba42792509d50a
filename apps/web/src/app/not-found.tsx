'use client';

import { Button, Center, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { LogoMark } from '~/components/logo';

export default function NotFound() {
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" gap="sm">
        <LogoMark size={44} />
        <Title order={2}>Page not found</Title>
        <Text c="dimmed">This page does not exist, or you do not have access to it.</Text>
        <Button component={Link} href="/" variant="default" mt="sm">
          Go to Cairn
        </Button>
      </Stack>
    </Center>
  );
}
