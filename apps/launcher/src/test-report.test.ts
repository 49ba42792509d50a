import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPlaywrightReport, countVitestReport } from './test-report';

const dir = mkdtempSync(join(tmpdir(), 'cairn-report-'));
const write = (name: string, body: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
};

describe('countVitestReport', () => {
  it('counts passed and failed tests', () => {
    const file = write('ok.json', {
      numPassedTests: 7,
      numFailedTests: 2,
      numFailedTestSuites: 1,
      success: false,
    });
    expect(countVitestReport('db', file)).toEqual({ suite: 'db', passed: 7, failed: 2 });
  });

  it('counts a test file that failed to load as a failure', () => {
    const file = write('broken.json', {
      numPassedTests: 3,
      numFailedTests: 0,
      numFailedTestSuites: 1,
      success: false,
    });
    expect(countVitestReport('api', file).failed).toBe(1);
  });

  it('counts a missing or corrupt report as a failure, never as zero tests', () => {
    expect(countVitestReport('web', join(dir, 'absent.json'))).toEqual({
      suite: 'web',
      passed: 0,
      failed: 1,
    });
    expect(countVitestReport('web', write('corrupt.json', '{'))).toEqual({
      suite: 'web',
      passed: 0,
      failed: 1,
    });
  });
});

describe('countPlaywrightReport', () => {
  it('counts flaky tests as passed and unexpected ones as failed', () => {
    const file = write('e2e.json', { stats: { expected: 5, unexpected: 1, flaky: 1 } });
    expect(countPlaywrightReport('e2e', file)).toEqual({ suite: 'e2e', passed: 6, failed: 1 });
  });

  it('counts a run that failed before any test (global setup, web server) as a failure', () => {
    const file = write('setup.json', {
      stats: { expected: 0, unexpected: 0, flaky: 0 },
      errors: [{ message: 'x' }],
    });
    expect(countPlaywrightReport('e2e', file).failed).toBe(1);
  });
});
