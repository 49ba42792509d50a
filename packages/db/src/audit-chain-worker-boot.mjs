// Starts an audit chain worker thread: TypeScript is loaded through tsx, registered here because a
// worker thread gets no loader of its own.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entryUrl);
