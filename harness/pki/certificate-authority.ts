import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** What a fixture certificate may get wrong; the defaults make a valid one. */
export interface ServerCertificateOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** Signature hash; SHA-1 only for fixtures that a client must refuse. */
  hash?: 'SHA-256' | 'SHA-1';
  modulusLength?: number;
}

export interface IssuedCertificate {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

/**
 * The harness's own certificate authority, made anew for every run, so that targets present a
 * certificate the harness can verify by name (RFC 8314 §4.4) without any trust outside the run.
 */
export class CertificateAuthority {
  private constructor(
    private readonly keys: CryptoKeyPair,
    private readonly certificate: x509.X509Certificate,
  ) {}

  static async create(commonName = 'msaspec run CA'): Promise<CertificateAuthority> {
    const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=${commonName}`,
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(30),
      keys,
      signingAlgorithm: RSA,
      extensions: [
        // Path length 1: the run's CA may issue one intermediate (the chain fixtures need one).
        new x509.BasicConstraintsExtension(true, 1, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    return new CertificateAuthority(keys, certificate);
  }

  get pem(): string {
    return this.certificate.toString('pem');
  }

  /** A server certificate whose only identity is a SAN dNSName (RFC 9525 §6.3: no CN fallback). */
  async issueServer(dnsName: string, options: ServerCertificateOptions = {}): Promise<IssuedCertificate> {
    const keys = (await webcrypto.subtle.generateKey({ ...RSA, modulusLength: options.modulusLength ?? RSA.modulusLength }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${dnsName}`,
      issuer: this.certificate.subject,
      notBefore: options.notBefore ?? daysFromNow(-1),
      notAfter: options.notAfter ?? daysFromNow(7),
      publicKey: keys.publicKey,
      signingKey: await this.signingKey(options.hash ?? 'SHA-256'),
      signingAlgorithm: { ...RSA, hash: options.hash ?? 'SHA-256' },
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: dnsName }]),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { cert: cert.toString('pem'), key: toPem(pkcs8, 'PRIVATE KEY') };
  }

  /** WebCrypto binds an RSA key to one hash: signing with another one needs the key imported for it. */
  private async signingKey(hash: 'SHA-256' | 'SHA-1'): Promise<CryptoKey> {
    if (hash === 'SHA-256') return this.keys.privateKey;
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', this.keys.privateKey);
    return webcrypto.subtle.importKey('pkcs8', pkcs8, { name: RSA.name, hash }, false, ['sign']);
  }

  /** An intermediate CA under this one; its `pem` is the intermediate's certificate, which servers must send. */
  async createIntermediate(commonName: string): Promise<CertificateAuthority> {
    const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: `CN=${commonName}`,
      issuer: this.certificate.subject,
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(30),
      publicKey: keys.publicKey,
      signingKey: this.keys.privateKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ],
    });
    return new CertificateAuthority(keys, certificate);
  }

  /** A server certificate signed by its own key, chained to nothing. */
  static async selfSignedServer(dnsName: string): Promise<IssuedCertificate> {
    const keys = (await webcrypto.subtle.generateKey(RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: `CN=${dnsName}`,
      notBefore: daysFromNow(-1),
      notAfter: daysFromNow(7),
      keys,
      signingAlgorithm: RSA,
      extensions: [
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: dnsName }]),
      ],
    });
    const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
    return { cert: cert.toString('pem'), key: toPem(pkcs8, 'PRIVATE KEY') };
  }
}

function daysFromNow(days: number): Date {
  return new Date(Date.now() + days * 86_400_000);
}

function randomSerial(): string {
  // A positive serial: clear the top bit of the first octet (RFC 5280 §4.1.2.2).
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').trimEnd();
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
