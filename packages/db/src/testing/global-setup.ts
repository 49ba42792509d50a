import { prepareTestServer, startEmbeddedTestServer } from './test-server';

/**
 * Vitest global setup shared by every package: use TEST_DATABASE_URL's server when given (the
 * test runner starts one for all packages), otherwise start the embedded one.
 */
export default async function setup() {
  let stop: (() => Promise<void>) | undefined;
  if (!process.env.TEST_DATABASE_URL) {
    const server = await startEmbeddedTestServer();
    process.env.TEST_DATABASE_URL = server.adminUrl;
    stop = server.stop;
  }
  await prepareTestServer(process.env.TEST_DATABASE_URL!);
  return async () => {
    await stop?.();
  };
}
