import { cpus, loadavg, totalmem } from 'node:os';
import type { HttpLoadResult } from './load-http-runner';
import type { PageResult } from './load-pages';
import { ms } from './measure';

export interface SqlComparison {
  label: string;
  statements: number;
  sqlP50: number;
  endToEndP50: number;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

export function machineLine(postgresVersion: string): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${loadavg()[0]?.toFixed(1)} at the start, Node ${process.version}, ${postgresVersion}`;
}

export function latencyTable(results: HttpLoadResult[], extra?: (result: HttpLoadResult) => string): string {
  return table(
    ['load', 'concurrency', 'p50', 'p95', 'p99', 'req/s', 'failed', ...(extra ? ['points/s'] : [])],
    results.map((result) => [
      result.label,
      String(result.concurrency),
      // A step in which no request finished has no latency to report, only its length as a floor.
      ...(result.requests === 0
        ? ['none in the step', '-', '-']
        : [ms(result.p50), ms(result.p95), ms(result.p99)]),
      result.requestsPerSecond.toFixed(0),
      String(result.failures),
      ...(extra ? [extra(result)] : []),
    ]),
  );
}

export function overheadTable(rows: SqlComparison[]): string {
  return table(
    ['query', 'SQL statements', 'SQL p50 (pg, direct)', 'end-to-end p50 (c=1)', 'ratio', 'target < 2x'],
    rows.map((row) => {
      const ratio = row.endToEndP50 / row.sqlP50;
      return [
        row.label,
        String(row.statements),
        ms(row.sqlP50),
        ms(row.endToEndP50),
        `${ratio.toFixed(1)}x`,
        ratio < 2 ? 'met' : 'not met',
      ];
    }),
  );
}

export function pagesTable(rows: PageResult[]): string {
  return table(
    [
      'page',
      'server response',
      'LCP',
      'LCP < 1.8 s',
      'LCP element',
      'first-load JS (gzip)',
      '< 250 KB',
      'all JS after idle (gzip)',
    ],
    rows.map((row) => [
      row.label,
      ms(row.serverResponseMs),
      ms(row.lcpMs),
      row.lcpMs < 1800 ? 'met' : 'not met',
      row.lcpElement.replaceAll('|', '/'),
      kb(row.firstLoadJsBytes),
      row.firstLoadJsBytes < 250 * 1024 ? 'met' : 'not met',
      kb(row.allJsBytes),
    ]),
  );
}
