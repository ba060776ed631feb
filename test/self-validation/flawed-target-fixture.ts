import { randomBytes } from 'node:crypto';
import { provisionFlawed } from '../../targets/flawed/flawed-target.ts';
import { CertificateAuthority } from '../../harness/pki/certificate-authority.ts';
import type { ProvisionedTarget } from '../../harness/model/provisioner.ts';

let ca: Promise<CertificateAuthority> | undefined;

/** A flawed target on loopback with the given switches, certified by a CA shared across the file. */
export async function startFlawed(flaws: string[]): Promise<ProvisionedTarget> {
  ca ??= CertificateAuthority.create('msaspec self-validation CA');
  return provisionFlawed({ runId: 'self-validation', ca: await ca, password: randomBytes(12).toString('hex'), log: () => undefined }, flaws);
}
