import type { ImageSpec } from '../container-target.ts';
import type { HostFindings } from './host-findings.ts';
import type { TestHostSpec } from './test-host.ts';

/** A test host as its folder (targets/<host>/index.ts) exports it, listed once in targets/hosts/index.ts. */
export interface TestHostDescriptor<Name extends string = string> {
  /** "chasquid": its folder targets/chasquid/ and its image msaspec/chasquid:<hash>. */
  readonly name: Name;
  readonly spec: TestHostSpec & { image: { name: Name } };
  /** What it gives where it does not PASS, with the reasons (targets/<host>/findings.ts). */
  readonly findings: HostFindings;
}

/** A test host's descriptor; its image and its findings must be the same server's. */
export function defineTestHost<const Name extends string>(parts: {
  spec: TestHostSpec & { image: ImageSpec & { name: Name } };
  findings: HostFindings;
}): TestHostDescriptor<Name> {
  const { spec, findings } = parts;
  if (findings.host !== spec.image.name) throw new Error(`test host ${spec.image.name}: its findings are those of "${findings.host}"`);
  return { name: spec.image.name, spec, findings };
}
