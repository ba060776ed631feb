import type { Provisioner } from '../harness/model/provisioner.ts';
import { containerProvisioner, type ImageSpec, type Configuration } from './container-target.ts';
import type { SubmissionContainer } from './modules/submission-container.ts';
import type { Release } from './releases.ts';
import { waiversOf, type MtaFindings } from './target-findings.ts';

/** An MTA's testcontainers module class: `new PostfixContainer().withConfiguration('stock').start()`. */
export type SubmissionContainerClass = new () => SubmissionContainer;

/** One release line of an MTA: its image (targets/<mta>/<release>/image/) and its expected verdicts. */
export interface MtaLine<Name extends string = string> {
  readonly release: Release;
  readonly image: ImageSpec & { name: Name };
  readonly findings: MtaFindings;
}

/**
 * Everything msaspec knows about one MTA it ships, exported by its folder (targets/<mta>/index.ts)
 * and listed once in targets/mtas.ts: the registry's targets, the findings table and the
 * testcontainers modules are derived from that list.
 */
export interface MtaDescriptor<Name extends string = string, Module extends SubmissionContainerClass = SubmissionContainerClass> {
  /** "postfix": its folder targets/postfix/, its targets "postfix:stock", "postfix@debian12:hardened"… */
  readonly name: Name;
  /** Its release lines, newest first (targets/<mta>/<release>/): the first is what `postfix:hardened` runs. */
  readonly lines: readonly MtaLine<Name>[];
  /** Its testcontainers module class (targets/<mta>/<mta>-container.ts), on its newest line unless told `withRelease`. */
  readonly container: Module;
  /**
   * It as a target of a run under a configuration, on one of its lines. The configuration waives exactly
   * what that line's findings mark XFAIL (on the ports they say), so a waiver and its reason are written
   * once, in the line's findings.ts.
   */
  target(configuration: Configuration, release: Release): Provisioner;
}

/** An MTA's descriptor; every line's image and findings must be the same MTA, each line once, newest first. */
export function defineMta<const Name extends string, Module extends SubmissionContainerClass>(parts: {
  lines: readonly { image: ImageSpec & { name: Name }; findings: MtaFindings }[];
  container: Module;
}): MtaDescriptor<Name, Module> {
  const { container } = parts;
  const lines = parts.lines.map(({ image, findings }) => ({ release: image.release, image, findings }));
  const name = lines[0]?.image.name;
  if (name === undefined) throw new Error('an MTA needs at least one release line');
  for (const line of lines) {
    if (line.image.name !== name) throw new Error(`MTA ${name}: a line's image is that of "${line.image.name}"`);
    if (line.findings.mta !== name) throw new Error(`MTA ${name}: its ${line.release} findings are those of "${line.findings.mta}"`);
    if (line.findings.release !== line.release) throw new Error(`MTA ${name}: its ${line.release} image has the findings of ${line.findings.release}`);
  }
  if (new Set(lines.map((l) => l.release)).size !== lines.length) throw new Error(`MTA ${name}: a release line is given twice`);
  return {
    name,
    lines,
    container,
    target: (configuration, release) => {
      const line = lines.find((l) => l.release === release);
      if (!line) throw new Error(`MTA ${name} has no ${release} line`);
      return containerProvisioner({ ...line.image, configuration, waivers: waiversOf(line.findings.configurations[configuration]) });
    },
  };
}
