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

/**
 * First-load JavaScript of an app route from the build output: the scripts every page loads
 * (`rootMainFiles`) and the route's own entry chunks (its client-reference manifest's
 * `entryJSFiles`, the global error boundary left out), gzipped. What the page loads later on
 * demand (`next/dynamic`, imports on click) is not counted.
 */
export function firstLoadJsBytesOfRoute(route: string): number {
  const next = join(webDir(), '.next');
  const build = JSON.parse(readFileSync(join(next, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles: string[];
  };
  const holder = globalThis as unknown as {
    __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }>;
  };
  holder.__RSC_MANIFEST = {};
  // The manifest is a script that assigns itself to globalThis.__RSC_MANIFEST.
  new Function(readFileSync(join(next, 'server', 'app', `${route}_client-reference-manifest.js`), 'utf8'))();
  const manifest = Object.values(holder.__RSC_MANIFEST)[0];
  if (!manifest) throw new Error(`No client-reference manifest for ${route}`);
  const files = new Set(build.rootMainFiles);
  for (const [entry, chunks] of Object.entries(manifest.entryJSFiles)) {
    if (entry.includes('global-error')) continue;
    for (const chunk of chunks) files.add(chunk);
  }
  return gzipBytesOfScripts(
    [...files].map((file) => `http://build/_next/${file.replace(/^\/?(_next\/)?/, '')}`),
  );
}
