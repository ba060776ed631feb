import type { Provisioner, TargetImage } from '../harness/model/provisioner.ts';
import { CONFIGURATIONS } from './container-target.ts';
import { provisionFlawed } from './flawed/flawed-target.ts';
import { MTAS } from './mtas.ts';
import { CURRENT_RELEASE, parseTargetName, RELEASES, targetName, type Release } from './releases.ts';

/**
 * Built-in targets by name. MTAs are named "<mta>:<configuration>" on the current release line and
 * "<mta>@<release>:<configuration>" on another (targets/releases.ts), one per MTA of targets/mtas.ts,
 * line and configuration, the current line first. The flawed target is for self-validation.
 */
const isCurrent = (release: Release) => release === CURRENT_RELEASE;

/** Every MTA × line × configuration, the current line first, then the others newest first. */
const MTA_LINE_TARGETS: [string, Provisioner][] = [...RELEASES.filter(isCurrent), ...RELEASES.filter((r) => !isCurrent(r))].flatMap((release) =>
  MTAS.flatMap((mta) =>
    mta.lines.some((line) => line.release === release)
      ? CONFIGURATIONS.map((configuration): [string, Provisioner] => [targetName({ mta: mta.name, release, configuration }), mta.target(configuration, release)])
      : [],
  ),
);

export const BUILTIN_TARGETS: Record<string, Provisioner> = {
  ...Object.fromEntries(MTA_LINE_TARGETS),
  flawed: provisionFlawed,
};

export const DEFAULT_TARGET = 'postfix:hardened';

/** Every MTA target in a container on the current line, in registry order: what `--target all` runs. */
export const MTA_TARGETS: readonly string[] = Object.keys(BUILTIN_TARGETS).filter((name) => parseTargetName(name)?.release === CURRENT_RELEASE);

/** Every MTA target of every line, the current line first: what `--target everything` runs. */
export const ALL_LINE_TARGETS: readonly string[] = Object.keys(BUILTIN_TARGETS).filter((name) => parseTargetName(name) !== undefined);

/**
 * The targets the project's own tests start (and CI builds the images of, `npm run images`): every MTA
 * of the current line, and Postfix on its other lines, so that each line's images are tested end to end
 * at least for Postfix. `npm run images -- --all` and `--target everything` take every line.
 */
export const TESTED_TARGETS: readonly string[] = [...MTA_TARGETS, ...ALL_LINE_TARGETS.filter((name) => parseTargetName(name)?.mta === 'postfix' && !MTA_TARGETS.includes(name))];

/** The images the given targets run, one per MTA line (both configurations of a line share one). */
export function imagesOf(names: readonly string[]): TargetImage[] {
  const images = new Map<string, TargetImage>();
  for (const name of names) {
    const image = BUILTIN_TARGETS[name]?.image;
    if (image) images.set(image.name, image);
  }
  return [...images.values()];
}

/**
 * The registry names a user's --target value stands for; empty when it names nothing. "all" is
 * every MTA on the current line, "all@<release>" every MTA on that line, "everything" every line;
 * "<mta>" or "<mta>@<release>" alone means its hardened configuration.
 */
export function expandTargetName(name: string): string[] {
  if (name === 'all') return [...MTA_TARGETS];
  if (name === 'everything') return [...ALL_LINE_TARGETS];
  const line = /^all@([a-z0-9]+)$/.exec(name)?.[1];
  if (line !== undefined) return ALL_LINE_TARGETS.filter((t) => parseTargetName(t)?.release === line);
  if (BUILTIN_TARGETS[name]) return [name];
  if (BUILTIN_TARGETS[`${name}:hardened`]) return [`${name}:hardened`];
  return [];
}
