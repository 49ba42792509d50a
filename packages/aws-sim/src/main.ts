import { env } from './env';
import { startAwsSim } from './server';

const sim = await startAwsSim({
  port: env.port,
  host: env.host,
  timeScale: env.timeScale,
  stateFile: env.stateFile,
});
console.log(`aws-sim listening on ${sim.url}`);

let isClosing = false;
async function shutdown(signal: string) {
  if (isClosing) return;
  isClosing = true;
  await sim.close();
  console.log(`aws-sim stopped (${signal})`);
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
