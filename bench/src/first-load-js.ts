import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { webDir } from '@cairn/launcher/paths';
import { firstLoadJsBytesOfRoute } from './load-first-load-js';

/**
 * Prints every page's first-load JavaScript (gzip) from the last production build, largest first,
 * against the 250 KB target: the quick check after a change to the web app (`next build` first).
 */
const TARGET_BYTES = 250 * 1024;
const MANIFEST_SUFFIX = '_client-reference-manifest.js';

function pageRoutes(dir: string, appDir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pageRoutes(path, appDir);
    if (!entry.name.endsWith(`page${MANIFEST_SUFFIX}`)) return [];
    return [relative(appDir, path).slice(0, -MANIFEST_SUFFIX.length)];
  });
}

const appDir = join(webDir(), '.next', 'server', 'app');
const sizes = pageRoutes(appDir, appDir)
  .map((route) => ({ route, bytes: firstLoadJsBytesOfRoute(route) }))
  .sort((a, b) => b.bytes - a.bytes);
for (const { route, bytes } of sizes) {
  const verdict = bytes < TARGET_BYTES ? 'ok  ' : 'OVER';
  console.log(`${verdict} ${(bytes / 1024).toFixed(1).padStart(6)} KB  ${route}`);
}
const over = sizes.filter(({ bytes }) => bytes >= TARGET_BYTES).length;
console.log(`${sizes.length - over} of ${sizes.length} pages under 250 KB`);
