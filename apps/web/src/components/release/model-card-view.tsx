import { SimpleGrid, Text } from '@mantine/core';

const CARD_FIELDS = [
  { key: 'intendedUse', label: 'Intended use' },
  { key: 'limitations', label: 'Limitations' },
  { key: 'trainingData', label: 'Training data' },
  { key: 'evaluation', label: 'Evaluation' },
] as const;

export type ModelCardFields = Partial<Record<(typeof CARD_FIELDS)[number]['key'], string>>;

/** Reads the stored card (JSON) without trusting its shape: anything but text counts as empty. */
export function readModelCard(value: unknown): ModelCardFields {
  if (typeof value !== 'object' || value === null) return {};
  const card: ModelCardFields = {};
  for (const field of CARD_FIELDS) {
    const text = (value as Record<string, unknown>)[field.key];
    if (typeof text === 'string') card[field.key] = text;
  }
  return card;
}

/** The four model card fields; an empty one says so rather than vanishing. */
export function ModelCardView({ card }: { card: ModelCardFields }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
      {CARD_FIELDS.map((field) => {
        const text = card[field.key]?.trim();
        return (
          <div key={field.key}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {field.label}
            </Text>
            <Text size="sm" c={text ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
              {text || 'Not filled in'}
            </Text>
          </div>
        );
      })}
    </SimpleGrid>
  );
}
