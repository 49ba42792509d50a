/** The session secret of the test environment, for tests that seal or forge session cookies. */
export const TEST_SESSION_SECRET = 'a-test-session-secret-of-at-least-32-characters';

/**
 * The environment the web's server modules read when first imported (env.ts), for tests that
 * import them: demo mode on localhost:3000, a database that is never reached.
 */
export function setWebTestEnv(): void {
  Object.assign(process.env, {
    CAIRN_MODE: 'demo',
    DATABASE_URL: 'postgresql://cairn@localhost:5432/unused',
    NEXTAUTH_URL: 'http://localhost:3000',
    NEXTAUTH_SECRET: TEST_SESSION_SECRET,
  });
}
