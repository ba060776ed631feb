// README's flag table and `msaspec run --help` describe the same options: every option commander
// knows is documented, and no documented flag is missing from the CLI (the drift issue 12 found); the
// defaults and value lists agree (issue 17 found `--target` and `--runs` drifted), and every option of
// the other commands is named in README too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TARGET, MTA_TARGETS } from '../../targets/registry.ts';
import { DEFAULT_FORMATS, FORMATS } from '../../reports/write-reports.ts';
import { GRADING_PROFILES } from '../../harness/model/verdict.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { DEFAULT_EHLO_NAME, DEFAULT_RECIPIENT } from '../../harness/model/envelope.ts';
import { PROJECT_ROOT, runCli } from './cli-process.ts';

const QUICK = { timeout: 70_000 };

/** The rows of the `| flag | meaning |` table of README's Usage section. */
function readmeRows(): string[] {
  const lines = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8').split('\n');
  const start = lines.findIndex((line) => /^\|\s*flag\s*\|\s*meaning\s*\|/.test(line));
  expect(start, 'README has a "| flag | meaning |" table').toBeGreaterThanOrEqual(0);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows;
}

/** The long flags a row's first cell names (a meaning may mention other flags); a cell may name several ("`--user U`, `--password P`"). */
function flagsOfRow(row: string): string[] {
  return [...(row.split(/(?<!\\)\|/)[1] ?? '').matchAll(/`(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
}

function readmeFlags(): string[] {
  return readmeRows().flatMap(flagsOfRow);
}

/** README's row of a flag, as plain text (no backticks, no escaped bars). */
function readmeRow(flag: string): string {
  const row = readmeRows().find((r) => flagsOfRow(r).includes(flag));
  expect(row, `README has a row for ${flag}`).toBeDefined();
  return row!.replace(/`/g, '').replace(/\\\|/g, '|');
}

/** Each option of a `--help` text with its description, the wrapped lines joined. */
function helpOptions(help: string): Map<string, string> {
  const options = new Map<string, string>();
  let current: string | undefined;
  for (const line of help.split('\n')) {
    const head = /^ {2}(?:-\w, )?(--[a-z][a-z-]*)(?: <[^>]+>)?\s+(.*)$/.exec(line);
    if (head) {
      current = head[1]!;
      options.set(current, head[2]!);
    } else if (current && /^ {10,}\S/.test(line)) options.set(current, `${options.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  return options;
}

/** The value a description gives as its default, when it is a value (a number, a path, a name with dots or colons). */
function defaultValue(description: string): string | undefined {
  const value = /\bdefault:? "?([^\s")]+)/.exec(description)?.[1]?.replace(/[,;]+$/, '');
  return value !== undefined && /[\d:./@,]/.test(value) && !value.startsWith('--') ? value : undefined;
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

  it('gives the same defaults in README as in --help, and both the project\'s own', QUICK, () => {
    const options = helpOptions(help);
    for (const [flag, description] of options) {
      const value = defaultValue(description);
      if (value !== undefined) expect(readmeRow(flag), `README's default of ${flag}`).toContain(value);
    }
    const sources: [string, string][] = [
      ['--target', DEFAULT_TARGET],
      ['--format', DEFAULT_FORMATS.join(',')],
      ['--case-timeout', String(DEFAULT_TIMEOUTS.caseMs)],
      ['--reply-timeout', String(DEFAULT_TIMEOUTS.replyMs)],
      ['--connections', String(DEFAULT_CONNECTIONS_PER_TARGET)],
      ['--ehlo-name', DEFAULT_EHLO_NAME],
      ['--rcpt-to', DEFAULT_RECIPIENT],
      ['--implicit-port', '465'],
      ['--starttls-port', '587'],
      ['--out', './msaspec-report'],
    ];
    for (const [flag, value] of sources) {
      expect(defaultValue(options.get(flag) ?? ''), `--help's default of ${flag}`).toBe(value);
      expect(readmeRow(flag), `README's default of ${flag}`).toContain(value);
    }
  });

  it('lists the same values in README as in --help: formats, profiles, targets', QUICK, () => {
    const options = helpOptions(help);
    for (const format of FORMATS) {
      expect(options.get('--format')).toContain(format);
      expect(readmeRow('--format')).toContain(format);
    }
    for (const profile of GRADING_PROFILES) {
      expect(options.get('--profile')).toContain(profile);
      expect(readmeRow('--profile')).toContain(profile);
    }
    for (const mta of new Set(MTA_TARGETS.map((name) => name.split(':')[0]!))) expect(readmeRow('--target')).toContain(mta);
    for (const words of ['all', 'flawed', '<mta>:stock', '<mta>:hardened']) expect(readmeRow('--target')).toContain(words);
    for (const member of ['"case"', '"port"', '"reason"', '"expires"']) expect(options.get('--waivers')).toContain(member);
  });

  it('names every option of the other commands in README', { timeout: 120_000 }, async () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const command of ['merge', 'results', 'list']) {
      const result = await runCli([command, '--help'], { timeoutMs: 60_000 });
      expect(result.code).toBe(0);
      for (const flag of helpFlags(result.stdout)) expect(readme, `msaspec ${command} ${flag}`).toMatch(new RegExp(`msaspec ${command}\\b[^\\n]*${flag}\\b`));
    }
  });

  it('names every built-in target and the true range of --runs', QUICK, () => {
    const flat = help.replace(/\s+/g, ' ');
    for (const mta of new Set(MTA_TARGETS.map((name) => name.split(':')[0]))) expect(flat).toContain(mta);
    expect(flat).toMatch(/\ball \(every MTA on the current line, both configurations\), all@<release> \(one line\), everything \(every line\), or flawed/);
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const range = /each case's own, (\d+ to \d+)/;
    expect(flat.match(range)?.[1]).toBe(readme.match(range)?.[1]);
  });
});
