'use client';

import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Code,
  Divider,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import IconAlertCircle from '@tabler/icons-react/icons/IconAlertCircle';
import IconInfoCircle from '@tabler/icons-react/icons/IconInfoCircle';
import IconKey from '@tabler/icons-react/icons/IconKey';
import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { LogoMark } from '~/components/logo';
import { Table } from '~/components/table';

interface SignInFormProps {
  callbackUrl: string;
  isPasswordEnabled: boolean;
  oidc: { id: string; name: string } | null;
  initialError: string | null;
  notice: string | null;
  demo: { password: string; users: { email: string; name: string }[] } | null;
}

interface FieldErrors {
  email?: string;
  password?: string;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({
  callbackUrl,
  isPasswordEnabled,
  oidc,
  initialError,
  notice,
  demo,
}: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(initialError);
  const [isSubmitting, setIsSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (!EMAIL_PATTERN.test(email.trim())) errors.email = 'Enter a valid email address';
    if (!password) errors.password = 'Enter your password';
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    setIsSubmitting(true);
    setFormError(null);
    try {
      const result = await signIn('credentials', {
        email: email.trim(),
        password,
        redirect: false,
        callbackUrl,
      });
      if (result?.ok && !result.error) {
        // A full load so the server renders the shell for the new session.
        window.location.assign(callbackUrl);
        return;
      }
      setFormError(result?.error || 'Wrong email or password.');
    } catch {
      setFormError('Sign-in is unavailable right now. Try again shortly.');
    }
    setIsSubmitting(false);
  }

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Stack w="100%" maw={420} gap="lg">
        <Stack align="center" gap={6}>
          <LogoMark size={44} />
          <Title order={2}>Sign in to Cairn</Title>
          <Text c="dimmed" size="sm">
            Experiments, model releases and deployments for ML teams
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p="xl">
          <Stack gap="md">
            {notice && !formError && (
              <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
                {notice}
              </Alert>
            )}
            {formError && (
              <Alert variant="light" color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {formError}
              </Alert>
            )}
            {isPasswordEnabled && (
              <form onSubmit={submit} noValidate>
                <Stack gap="sm">
                  <TextInput
                    label="Email"
                    type="email"
                    autoComplete="username"
                    placeholder="you@example.com"
                    value={email}
                    onChange={(e) => setEmail(e.currentTarget.value)}
                    error={fieldErrors.email}
                    maxLength={254}
                    autoFocus
                  />
                  <PasswordInput
                    label="Password"
                    autoComplete="current-password"
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                    error={fieldErrors.password}
                    maxLength={200}
                  />
                  <Button type="submit" loading={isSubmitting} fullWidth mt="xs">
                    Sign in
                  </Button>
                </Stack>
              </form>
            )}
            {isPasswordEnabled && oidc && <Divider label="or" labelPosition="center" />}
            {oidc && (
              <Button
                variant={isPasswordEnabled ? 'default' : 'filled'}
                leftSection={<IconKey size={18} />}
                onClick={() => signIn(oidc.id, { callbackUrl })}
                fullWidth
              >
                Continue with {oidc.name}
              </Button>
            )}
            {!isPasswordEnabled && !oidc && (
              <Text size="sm" c="dimmed">
                No sign-in method is configured. Set the OIDC_* variables (see the README).
              </Text>
            )}
          </Stack>
        </Paper>
        {demo && (
          <DemoHint
            demo={demo}
            onPick={(picked) => {
              setEmail(picked);
              setPassword(demo.password);
            }}
          />
        )}
      </Stack>
    </Center>
  );
}

function DemoHint({
  demo,
  onPick,
}: {
  demo: NonNullable<SignInFormProps['demo']>;
  onPick: (email: string) => void;
}) {
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-body)">
      <Text size="sm" fw={600} mb={4}>
        Demo mode
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        Every demo user has the password <Code>{demo.password}</Code>. Pick one to fill the form.
      </Text>
      <Box>
        <Table verticalSpacing={4} highlightOnHover={false}>
          <Table.Tbody>
            {demo.users.map((user) => (
              <Table.Tr key={user.email}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => onPick(user.email)}>
                    {user.email}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {user.name}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Paper>
  );
}
