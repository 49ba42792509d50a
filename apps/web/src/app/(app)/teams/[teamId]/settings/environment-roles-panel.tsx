import { Anchor, Badge, Paper, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { Table } from '~/components/table';

interface EnvironmentRole {
  environmentId: string;
  environment: string;
  region: string;
  roleArn: string;
  projectId: string;
  projectName: string;
}

/** Read-only: environments whose deployments act as a role of their own, edited on the project's deployments page. */
export function EnvironmentRolesPanel({ teamId, roles }: { teamId: string; roles: EnvironmentRole[] }) {
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="lg">
            Environment role overrides
          </Title>
          <Text size="sm" c="dimmed" maw={600}>
            These environments deploy with their own role instead of the one above, for example in a
            production account. Each needs the same trust and permissions policies.
          </Text>
        </div>
        {roles.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every environment uses the team's role.
          </Text>
        ) : (
          <Table verticalSpacing="xs" aria-label="Environment role overrides">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Region</Table.Th>
                <Table.Th>Role</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.map((role) => (
                <Table.Tr key={role.environmentId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      href={`/teams/${teamId}/projects/${role.projectId}/deployments`}
                      size="sm"
                    >
                      {role.projectName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{role.environment.toLowerCase()}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{role.region}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {role.roleArn}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
