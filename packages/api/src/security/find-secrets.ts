/** Something a test captured: a response, an audit event, a log line. */
export interface Captured {
  where: string;
  text: string;
}

/** Every place a secret shows up, as "secret name in where"; empty when none leaked. */
export function findSecrets(secrets: Record<string, string>, captured: Captured[]): string[] {
  return captured.flatMap(({ where, text }) =>
    Object.entries(secrets)
      .filter(([, secret]) => secret.length > 0 && text.includes(secret))
      .map(([name]) => `${name} in ${where}`),
  );
}
