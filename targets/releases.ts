import type { DebianCodename } from './images/base-image.ts';

/**
 * The release lines a built-in MTA can be built from, newest first: the Debian release whose
 * packages its image installs. Older lines stay so that verdicts can be compared across releases
 * (docs/results.md, "What changed").
 */
export const RELEASES = ['debian13', 'debian12'] as const;
export type Release = (typeof RELEASES)[number];

/**
 * The current line: what `postfix:hardened` and `--target all` run. Every MTA has an image of it
 * (test/containers/mta-folders.test.ts).
 */
export const CURRENT_RELEASE: Release = 'debian12';

/** The Debian codename of each line: its base image is msaspec/base:<codename>. */
export const RELEASE_CODENAME: Record<Release, DebianCodename> = { debian13: 'trixie', debian12: 'bookworm' };

export const RELEASE_TITLE: Record<Release, string> = { debian13: 'Debian 13 (trixie)', debian12: 'Debian 12 (bookworm)' };

/** A target's release line and configuration, as its name spells them. */
export interface TargetParts {
  mta: string;
  release: Release;
  configuration: string;
}

/**
 * "postfix:hardened" names the current line, "postfix@debian12:hardened" another: a run, a report and
 * the published matrix name a target the same way, and the names of the current line never change
 * when a line is added below it.
 */
export function lineName(mta: string, release: Release): string {
  return release === CURRENT_RELEASE ? mta : `${mta}@${release}`;
}

export function targetName(parts: TargetParts): string {
  return `${lineName(parts.mta, parts.release)}:${parts.configuration}`;
}

/** The parts of "<mta>[@<release>]:<configuration>"; undefined for any other name (a host, the flawed target). */
export function parseTargetName(name: string): TargetParts | undefined {
  const match = /^([a-z0-9-]+)(?:@([a-z0-9]+))?:([a-z]+)$/.exec(name);
  if (!match) return undefined;
  const release = (match[2] ?? CURRENT_RELEASE) as Release;
  if (!RELEASES.includes(release)) return undefined;
  return { mta: match[1]!, release, configuration: match[3]! };
}
