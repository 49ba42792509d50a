import { join } from 'node:path';
import { repoRoot } from '@cairn/db/repo-root';

export { repoRoot };

export const webDir = () => join(repoRoot(), 'apps', 'web');
export const workerDir = () => join(repoRoot(), 'packages', 'worker');
export const e2eDir = () => join(repoRoot(), 'e2e');
export const reportsDir = () => join(repoRoot(), '.reports');
