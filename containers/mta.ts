import type { Provisioner } from '../harness/targets/provisioner.ts';
import { containerProvisioner, type TargetImageSpec, type TargetProfile } from './container-target.ts';
import type { SubmissionContainer } from './modules/submission-container.ts';
import { waiversOf, type TargetFindings } from './target-findings.ts';

/** An MTA's testcontainers module class: `new PostfixContainer().withProfile('stock').start()`. */
export type SubmissionContainerClass = new () => SubmissionContainer;

/**
 * Everything msaspec knows about one MTA it ships, exported by its folder (containers/<mta>/index.ts)
 * and listed once in containers/mtas.ts: the registry's targets, the findings table and the
 * testcontainers modules are derived from that list.
 */
export interface MtaDescriptor<Name extends string = string, Module extends SubmissionContainerClass = SubmissionContainerClass> {
  /** "postfix": its folder containers/postfix/, its image msaspec/postfix:<hash>, its targets "postfix:stock" and "postfix:hardened". */
  readonly name: Name;
  /** How the docs name it, from its findings: "Postfix 3.7 (Debian bookworm)". */
  readonly title: string;
  /** Its image (containers/<mta>/image/), shared by both profiles. */
  readonly image: TargetImageSpec & { name: Name };
  /** Its expected verdicts per profile, each with its reason (containers/<mta>/findings.ts). */
  readonly findings: TargetFindings;
  /** Its testcontainers module class (containers/<mta>/<mta>-container.ts). */
  readonly container: Module;
  /**
   * It as a target of a run under a profile. The profile waives exactly what its findings mark XFAIL
   * (on the ports they say), so a waiver and its reason are written once, in findings.ts.
   */
  target(profile: TargetProfile): Provisioner;
}

/** An MTA's descriptor; its image, its findings and its module must all be the same MTA. */
export function defineMta<const Name extends string, Module extends SubmissionContainerClass>(parts: {
  image: TargetImageSpec & { name: Name };
  findings: TargetFindings;
  container: Module;
}): MtaDescriptor<Name, Module> {
  const { image, findings, container } = parts;
  if (findings.mta !== image.name) throw new Error(`MTA ${image.name}: its findings are those of "${findings.mta}"`);
  return {
    name: image.name,
    title: findings.title,
    image,
    findings,
    container,
    target: (profile) => containerProvisioner({ ...image, profile, waivers: waiversOf(findings.profiles[profile]) }),
  };
}
