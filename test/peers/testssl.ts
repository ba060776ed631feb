import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's testssl.sh (package testssl.sh, command `testssl`); .ci/run installs it. */
export const TESTSSL = ['/usr/bin/testssl', '/usr/bin/testssl.sh'].find((path) => existsSync(path));

/** What testssl.sh reports as offered: protocol versions and cipher categories, by its JSON ids. */
export type TestsslFindings = Record<string, string>;

/**
 * testssl.sh's protocol (-p) and cipher category (-s) checks against 127.0.0.1 only, DNS off, on 465
 * as implicit TLS or on 587 through its own STARTTLS (-t smtp). Nothing leaves the machine.
 */
export async function runTestssl(port: number, starttls: boolean, timeoutMs = 240_000): Promise<TestsslFindings> {
  if (!TESTSSL) throw new Error('testssl.sh is not installed (apt-get install testssl.sh; .ci/run does it)');
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-testssl-'));
  const json = join(dir, 'findings.json');
  const args = ['--quiet', '--color', '0', '--warnings', 'off', '--nodns', 'none', ...(starttls ? ['-t', 'smtp'] : []), '-p', '-s', '--jsonfile', json, `127.0.0.1:${port}`];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(TESTSSL, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 << 20 }, (error) => (existsSync(json) ? resolve() : reject(error ?? new Error('testssl.sh wrote no findings'))));
    });
    const findings = JSON.parse(readFileSync(json, 'utf8')) as { id: string; finding: string }[];
    return Object.fromEntries(findings.map((f) => [f.id, f.finding]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const offered = (finding: string | undefined): boolean => finding !== undefined && /^offered/.test(finding);
