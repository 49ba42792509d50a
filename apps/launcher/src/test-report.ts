import { existsSync, readFileSync } from 'node:fs';

export interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  success: boolean;
}

interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number };
  errors?: unknown[];
}

/** A missing or unreadable report means the suite never finished: one failure, not zero. */
export function countVitestReport(suite: string, file: string): SuiteResult {
  if (!existsSync(file)) return { suite, passed: 0, failed: 1 };
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
    // A file that fails to load has no failed tests but fails its suite.
    const brokenFiles =
      report.numFailedTests === 0 && !report.success ? Math.max(1, report.numFailedTestSuites) : 0;
    return { suite, passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles };
  } catch {
    return { suite, passed: 0, failed: 1 };
  }
}

export function countPlaywrightReport(suite: string, file: string): SuiteResult {
  if (!existsSync(file)) return { suite, passed: 0, failed: 1 };
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as PlaywrightJson;
    const globalErrors = report.errors?.length ?? 0;
    return {
      suite,
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected + (globalErrors > 0 && report.stats.unexpected === 0 ? 1 : 0),
    };
  } catch {
    return { suite, passed: 0, failed: 1 };
  }
}
