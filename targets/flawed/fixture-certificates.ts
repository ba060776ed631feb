import { CertificateAuthority, type IssuedCertificate } from '../../harness/pki/certificate-authority.ts';
import type { Flaw } from './flaws.ts';
import type { Variant } from './variants.ts';

const DAY = 86_400_000;
const days = (n: number): Date => new Date(Date.now() + n * DAY);

/** What each listener presents: the certificate chain (leaf first, PEM) and its key. */
export interface ListenerCertificates {
  starttls: IssuedCertificate;
  implicit: IssuedCertificate;
  /** The trust anchor the target declares when it is not the run's CA (PEM). */
  anchor?: string;
}

/**
 * The flawed target's certificates, issued for this run by the run's CA: valid by default, or the
 * fixture a certificate flaw names (RFC 5280 validity, RFC 9525 names, signature and key size).
 */
export async function fixtureCertificates(ca: CertificateAuthority, servername: string, flaws: ReadonlySet<Flaw>, variants: ReadonlySet<Variant> = new Set()): Promise<ListenerCertificates> {
  if (variants.has('self-signed-anchor')) {
    // Conformant: the certificate is its own anchor, and the target says so (as `--ca` would).
    const own = await CertificateAuthority.selfSignedServer(servername);
    return { starttls: own, implicit: own, anchor: own.cert };
  }
  // An expired certificate is a finding of C-TIME only; as a variant it proves the other cases observe on.
  const leaf = await issue(ca, servername, variants.has('expired-certificate') ? new Set([...flaws, 'cert-expired' as const]) : flaws);
  const implicit = flaws.has('cert-differs-per-port') ? await ca.issueServer(servername) : leaf;
  return { starttls: leaf, implicit };
}

async function issue(ca: CertificateAuthority, servername: string, flaws: ReadonlySet<Flaw>): Promise<IssuedCertificate> {
  if (flaws.has('cert-wrong-name')) return ca.issueServer('wrong.example.test');
  if (flaws.has('cert-expired')) return ca.issueServer(servername, { notBefore: days(-30), notAfter: days(-1) });
  if (flaws.has('cert-not-yet-valid')) return ca.issueServer(servername, { notBefore: days(1), notAfter: days(30) });
  if (flaws.has('cert-self-signed')) return CertificateAuthority.selfSignedServer(servername);
  if (flaws.has('cert-sha1')) return ca.issueServer(servername, { hash: 'SHA-1' });
  if (flaws.has('cert-rsa1024')) return ca.issueServer(servername, { modulusLength: 1024 });
  if (flaws.has('cert-no-intermediate')) {
    // Issued by an intermediate, served alone: the intermediate's certificate never reaches the client.
    const intermediate = await ca.createIntermediate('msaspec fixture intermediate CA');
    return intermediate.issueServer(servername);
  }
  return ca.issueServer(servername);
}
