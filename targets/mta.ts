import type { Provisioner } from '../harness/model/provisioner.ts';
import { containerProvisioner, type ImageSpec, type Configuration } from './container-target.ts';
import type { SubmissionContainer } from './modules/submission-container.ts';
import { waiversOf, type MtaFindings } from './target-findings.ts';

/** An MTA's testcontainers module class: `new PostfixContainer().withConfiguration('stock').start()`. */
export type SubmissionContainerClass = new () => SubmissionContainer;

/**
 * Everything msaspec knows about one MTA it ships, exported by its folder (targets/<mta>/index.ts)
 * and listed once in targets/mtas.ts: the registry's targets, the findings table and the
 * testcontainers modules are derived from that list.
 */
export interface MtaDescriptor<Name extends string = string, Module extends SubmissionContainerClass = SubmissionContainerClass> {
  /** "postfix": its folder targets/postfix/, its image msaspec/postfix:<hash>, its targets "postfix:stock" and "postfix:hardened". */
  readonly name: Name;
  /** How the docs name it, from its findings: "Postfix 3.7 (Debian bookworm)". */
  readonly title: string;
  /** Its image (targets/<mta>/image/), shared by both configurations. */
  readonly image: ImageSpec & { name: Name };
  /** Its expected verdicts per configuration, each with its reason (targets/<mta>/findings.ts). */
  readonly findings: MtaFindings;
  /** Its testcontainers module class (targets/<mta>/<mta>-container.ts). */
  readonly container: Module;
  /**
   * It as a target of a run under a configuration. The configuration waives exactly what its findings mark XFAIL
   * (on the ports they say), so a waiver and its reason are written once, in findings.ts.
   */
  target(configuration: Configuration): Provisioner;
}

/** An MTA's descriptor; its image, its findings and its module must all be the same MTA. */
export function defineMta<const Name extends string, Module extends SubmissionContainerClass>(parts: {
  image: ImageSpec & { name: Name };
  findings: MtaFindings;
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
    target: (configuration) => containerProvisioner({ ...image, configuration, waivers: waiversOf(findings.configurations[configuration]) }),
  };
}
