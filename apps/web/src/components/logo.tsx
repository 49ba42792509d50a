import { Group, Text } from '@mantine/core';

/** A stack of stones: the trail marker Cairn is named after. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-teal-7)" />
      <g fill="#fff">
        <ellipse cx="16" cy="24" rx="9" ry="3.2" />
        <ellipse cx="16" cy="17.5" rx="6.5" ry="2.8" />
        <ellipse cx="16" cy="11.5" rx="4.3" ry="2.4" />
        <ellipse cx="16" cy="6.5" rx="2.4" ry="1.7" />
      </g>
    </svg>
  );
}

export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <LogoMark />
      <Text fw={700} fz="lg" lts={-0.3}>
        Cairn
      </Text>
    </Group>
  );
}
