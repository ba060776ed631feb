// Exact Debian package versions of the target images: `apt-get install … name=version …` in each
// Dockerfile. Debian's mirror keeps only the current version of a package, so a pin fails at the next
// point or security release; `npm run pins` (scripts/update-pins.ts) rewrites them from the mirror.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lineName, RELEASE_CODENAME, RELEASES } from '../releases.ts';
import type { DebianCodename } from './base-image.ts';

export interface PackagePin {
  name: string;
  version: string;
}

/** What the `apt-get install` commands of a Dockerfile ask for. */
export interface AptInstall {
  pins: PackagePin[];
  /** Package arguments without `=version`. */
  unpinned: string[];
  /** `-t RELEASE` of an install command (e.g. bookworm-backports), when one has it. */
  targetRelease?: string;
  /** `deb …` lines the Dockerfile adds to APT's sources. */
  sources: string[];
}

/** apt-get options that take the next word as their value. */
const OPTION_WITH_VALUE = new Set(['-t', '--target-release', '--default-release', '-o', '--option', '-c', '--config-file']);

interface Token {
  text: string;
  /** offset in the Dockerfile */
  at: number;
}

/** The words of every `apt-get install` command, up to the `;`, `&&`, `|` or end of instruction that ends it. */
function installCommands(dockerfile: string): Token[][] {
  const commands: Token[][] = [];
  for (const m of dockerfile.matchAll(/apt-get\s+install\b/g)) {
    const words: Token[] = [];
    const word = /\\[ \t]*\r?\n|[;&|]|\r?\n|[^\s;&|\\]+|[ \t]+/g;
    word.lastIndex = m.index + m[0].length;
    for (let w = word.exec(dockerfile); w; w = word.exec(dockerfile)) {
      const t = w[0];
      if (/^[;&|]$/.test(t) || /^\r?\n$/.test(t)) break;
      if (/^[ \t]+$/.test(t) || t.startsWith('\\')) continue;
      words.push({ text: t, at: w.index });
    }
    commands.push(words);
  }
  return commands;
}

/** Splits the package arguments of one install command from its options. */
function packageWords(words: Token[]): { packages: Token[]; targetRelease?: string } {
  const packages: Token[] = [];
  let targetRelease: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.text;
    if (text.startsWith('-')) {
      const [option, inline] = text.split('=', 2) as [string, string | undefined];
      const value = inline ?? (OPTION_WITH_VALUE.has(option) ? words[++i]?.text : undefined);
      if (['-t', '--target-release', '--default-release'].includes(option) && value) targetRelease = value;
      continue;
    }
    packages.push(words[i]!);
  }
  return { packages, ...(targetRelease ? { targetRelease } : {}) };
}

const PIN = /^([a-z0-9][a-z0-9+.-]+)=([0-9A-Za-z.+~:-]+)$/;

export function parseAptInstall(dockerfile: string): AptInstall {
  const result: AptInstall = { pins: [], unpinned: [], sources: [] };
  for (const words of installCommands(dockerfile)) {
    const { packages, targetRelease } = packageWords(words);
    if (targetRelease) result.targetRelease = targetRelease;
    for (const p of packages) {
      const pin = PIN.exec(p.text);
      if (pin) result.pins.push({ name: pin[1]!, version: pin[2]! });
      else result.unpinned.push(p.text);
    }
  }
  for (const m of dockerfile.matchAll(/(['"])(deb\s+https?:\/\/[^'"\n]+)\1/g)) result.sources.push(m[2]!.trim());
  return result;
}

export interface PinChange {
  name: string;
  /** '' when the package was not pinned */
  from: string;
  to: string;
}

const BARE = /^[a-z0-9][a-z0-9+.-]+$/;

/**
 * The Dockerfile with every package argument of its install commands set to `name=versions[name]`:
 * pins updated, bare names pinned; packages not in `versions` are left as they are.
 */
export function rewritePins(dockerfile: string, versions: ReadonlyMap<string, string>): { text: string; changes: PinChange[] } {
  const edits: { at: number; length: number; text: string }[] = [];
  const changes: PinChange[] = [];
  for (const words of installCommands(dockerfile)) {
    for (const p of packageWords(words).packages) {
      const pin = PIN.exec(p.text);
      const name = pin ? pin[1]! : BARE.test(p.text) ? p.text : undefined;
      const from = pin ? pin[2]! : '';
      const to = name ? versions.get(name) : undefined;
      if (!name || to === undefined || to === from) continue;
      if (!PIN.test(`${name}=${to}`)) throw new Error(`not a Debian version: ${JSON.stringify(to)} for ${name}`);
      edits.push({ at: p.at, length: p.text.length, text: `${name}=${to}` });
      changes.push({ name, from, to });
    }
  }
  let text = dockerfile;
  for (const e of edits.sort((a, b) => b.at - a.at)) text = text.slice(0, e.at) + e.text + text.slice(e.at + e.length);
  return { text, changes };
}

/** The package names an install command names, pinned or not. */
export function installedNames(install: AptInstall): string[] {
  return [...install.pins.map((p) => p.name), ...install.unpinned.filter((w) => BARE.test(w))];
}

/**
 * The build context of every target image with a Dockerfile: targets/<mta>/<release>/image/ for each
 * line of an MTA (named "postfix" on the current line, "postfix@debian12" on another, as the run names
 * its image), targets/<host>/image/ for a test host (Debian 12). `codename` is the base it builds FROM.
 */
export function targetDockerfiles(root: string): { name: string; dockerfile: string; codename: DebianCodename }[] {
  const containers = join(root, 'targets');
  return readdirSync(containers)
    .sort()
    .flatMap((name) => [
      { name, dockerfile: join(containers, name, 'image', 'Dockerfile'), codename: RELEASE_CODENAME.debian12 },
      ...RELEASES.map((release) => ({ name: lineName(name, release), dockerfile: join(containers, name, release, 'image', 'Dockerfile'), codename: RELEASE_CODENAME[release] })),
    ])
    .filter((t) => existsSync(t.dockerfile));
}

/** `Candidate:` of each package in `apt-cache policy` output; a package apt does not know is absent. */
export function parseAptPolicy(output: string): Map<string, string> {
  const candidates = new Map<string, string>();
  let current: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const head = /^([a-z0-9][a-z0-9+.-]+)(?::[a-z0-9]+)?:$/.exec(line);
    if (head) current = head[1];
    const candidate = /^\s+Candidate:\s+(\S+)/.exec(line);
    if (current && candidate && candidate[1] !== '(none)') candidates.set(current, candidate[1]!);
  }
  return candidates;
}

/** "package<TAB>version" lines, as the images write /etc/msaspec/versions. */
export function parseVersionsFile(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const [name, version] = line.trim().split(/\s+/);
    if (name && version) versions.set(name, version);
  }
  return versions;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * One line for a build that failed because apt could not install the pins (BuildKit's prefixed lines too),
 * or undefined when the build output shows another cause. The mirror dropping a pinned version is the usual one.
 */
export function pinFailure(buildOutput: readonly string[]): string | undefined {
  const gone: string[] = [];
  const lines = buildOutput.map((l) => l.replace(ANSI, ''));
  for (const line of lines) {
    const version = /(?:^|\s)E: Version '([^']+)' for '([^']+)' was not found/.exec(line);
    if (version) gone.push(`${version[2]}=${version[1]}`);
    const unknown = /(?:^|\s)E: Unable to locate package (\S+)/.exec(line);
    if (unknown) gone.push(unknown[1]!);
  }
  if (gone.length > 0) {
    return `pinned package${gone.length > 1 ? 's' : ''} ${gone.join(', ')} gone from the Debian mirror: run \`npm run pins\`, then \`npm run images\``;
  }
  if (lines.some((l) => /(?:^|\s)E: Unable to correct problems, you have held broken packages/.test(l))) {
    return 'apt cannot install the pinned Debian packages together (the mirror moved on?): run `npm run pins`, then `npm run images`';
  }
  return undefined;
}
