import { env } from './env';
import { startAwsSim } from './server';
import { DEFAULT_ACCOUNT_ID } from './sts/handler';

const sim = await startAwsSim({
  port: env.port,
  host: env.host,
  timeScale: env.timeScale,
  stateFile: env.stateFile,
  eventsQueue: env.eventsQueue,
});
console.log(`aws-sim listening on ${sim.url}`);
if (env.eventsQueue)
  console.log(`aws-sim emits state-change events to ${sim.url}/${DEFAULT_ACCOUNT_ID}/${env.eventsQueue}`);

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
