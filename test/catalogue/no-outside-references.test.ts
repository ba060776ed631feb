import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository is the whole project: nothing in it may point at a file it does not contain (the
 * design notes and the first requirement list the work started from live outside it; the catalogue is
 * suites/requirements.ts, published as docs/requirements.md).
 */
const ROOT = resolve(import.meta.dirname, '../..');

/** Names of files outside the repository that older text cited; spelt in parts so this file is not a hit. */
const OUTSIDE = [['DESIGN', '.md'], ['REQUIREMENTS', '.md'], ['RFC-SOURCES', '.md'], ['../sha', 'red/'], ['/work', '/']].map((parts) => parts.join(''));

const tracked = (): string[] => execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);

function textOf(path: string): string | undefined {
  const full = resolve(ROOT, path);
  if (!existsSync(full)) return undefined; // deleted in the work tree, not yet in the index
  const bytes = readFileSync(full);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

describe('no reference to a file outside the repository', () => {
  const files = tracked().map((path) => ({ path, text: textOf(path) })).filter((f): f is { path: string; text: string } => f.text !== undefined);

  it('scans the tracked text files', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('names none of the files the work started from outside it', () => {
    const hits = files.flatMap(({ path, text }) =>
      text.split('\n').flatMap((line, i) => OUTSIDE.filter((name) => line.includes(name)).map((name) => `${path}:${i + 1}: ${name}`)),
    );
    expect(hits).toEqual([]);
  });

  it('links, in its Markdown, only to files it contains', () => {
    const broken = files
      .filter(({ path }) => path.endsWith('.md'))
      .flatMap(({ path, text }) =>
        [...text.matchAll(/\]\(([^)\s]+)\)/g)]
          .map((m) => m[1]!)
          .filter((target) => !/^([a-z]+:|#)/i.test(target))
          .filter((target) => !existsSync(resolve(ROOT, dirname(path), decodeURIComponent(target.split('#')[0]!))))
          .map((target) => `${path}: ${target}`),
      );
    expect(broken).toEqual([]);
  });
});
