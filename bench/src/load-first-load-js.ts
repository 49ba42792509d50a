import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDir } from '@cairn/launcher/paths';

/**
 * Gzipped bytes of the build's JavaScript files behind these script URLs (each counted once),
 * read from `.next/static`, compressed at zlib's default level as a server would send them.
 */
export function gzipBytesOfScripts(scriptUrls: string[]): number {
  const files = new Set(
    scriptUrls
      .map((url) => decodeURIComponent(new URL(url).pathname))
      .filter((path) => path.startsWith('/_next/static/') && path.endsWith('.js')),
  );
  let total = 0;
  for (const path of files) {
    const file = join(webDir(), '.next', 'static', path.slice('/_next/static/'.length));
    total += gzipSync(readFileSync(file)).length;
  }
  return total;
}
