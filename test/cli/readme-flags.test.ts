// README's flag table and `msaspec run --help` describe the same options: every option commander
// knows is documented, and no documented flag is missing from the CLI (the drift issue 12 found).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MTA_TARGETS } from '../../targets/registry.ts';
import { PROJECT_ROOT, runCli } from './cli-process.ts';

const QUICK = { timeout: 70_000 };

/** The `| flag | meaning |` table of README's Usage section: the long flags each row names. */
function readmeFlags(): string[] {
  const lines = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\|\s*flag\s*\|\s*meaning\s*\|/.test(line));
  expect(start, 'README has a "| flag | meaning |" table').toBeGreaterThanOrEqual(0);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  // The first cell only (a meaning may mention other flags); a cell may name several ("`--user U`, `--password P`").
  return rows.flatMap((row) => [...(row.split(/(?<!\\)\|/)[1] ?? '').matchAll(/`(--[a-z][a-z-]*)/g)].map((m) => m[1]!));
}

/** The long options `msaspec run --help` lists: commander's own list of the command's options. */
function helpFlags(help: string): string[] {
  return help
    .split('\n')
    .map((line) => /^ {2}(?:-\w, )?(--[a-z][a-z-]*)/.exec(line)?.[1])
    .filter((flag): flag is string => flag !== undefined && flag !== '--help');
}

describe('README flag table ↔ msaspec run --help', () => {
  let help = '';
  beforeAll(async () => {
    const result = await runCli(['run', '--help'], { timeoutMs: 60_000 });
    expect(result.code).toBe(0);
    help = result.stdout;
  }, 70_000);

  it('documents every option of `msaspec run`, and names no flag the CLI lacks', QUICK, () => {
    const documented = readmeFlags();
    const offered = helpFlags(help);
    expect(offered.length).toBeGreaterThan(20);
    expect(new Set(documented).size, 'a flag documented twice').toBe(documented.length);
    expect([...documented].sort()).toEqual([...offered].sort());
  });

  it('lists the live-host flags with what they are for', QUICK, () => {
    for (const flag of ['--mail-from <address>', '--rcpt-to <address>', '--ehlo-name <name>', '--cleartext-test-credentials']) expect(help).toContain(flag);
    expect(help.replace(/\s+/g, ' ')).toMatch(/--cleartext-test-credentials with --host and --user: .* for a throwaway test account only/);
  });

  it('names every built-in target and the true range of --runs', QUICK, () => {
    const flat = help.replace(/\s+/g, ' ');
    for (const mta of new Set(MTA_TARGETS.map((name) => name.split(':')[0]))) expect(flat).toContain(mta);
    expect(flat).toMatch(/\ball \(every MTA, both configurations\), or flawed/);
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const range = /each case's own, (\d+ to \d+)/;
    expect(flat.match(range)?.[1]).toBe(readme.match(range)?.[1]);
  });
});
