import { constants } from 'node:crypto';
import tls from 'node:tls';
import type { Flaw } from './flaws.ts';

/** SSL_OP_NO_EXTENDED_MASTER_SECRET of OpenSSL 3.0 (ssl.h); Node passes secureOptions through. */
const SSL_OP_NO_EXTENDED_MASTER_SECRET = 1 << 0;
/**
 * SSL_OP_NO_RENEGOTIATION: a renegotiating ClientHello gets a no_renegotiation warning alert, as from
 * OpenSSL-based servers that refuse client-initiated renegotiation; renegotiation_info is still sent.
 */
const { SSL_OP_NO_RENEGOTIATION } = constants;

/**
 * The TLS policy of the flawed target. Without flaws: TLS 1.2 and 1.3 (RFC 8314 §4.1, RFC 9325 §3.1.1),
 * Node's default suites less static RSA key transport (RFC 9325 §4.1: forward secrecy). Each legacy
 * flaw turns on what OpenSSL 3 still has; security level 0 lets it load them (and SHA-1 or RSA-1024
 * certificates). Client-initiated renegotiation is refused unless the flaw allows it: RFC 5746 leaves
 * it open, and refusing is what a server that has no use for it does.
 */
export function tlsPolicy(flaws: ReadonlySet<Flaw>): Pick<tls.SecureContextOptions, 'minVersion' | 'maxVersion' | 'ciphers' | 'secureOptions' | 'dhparam'> {
  const minVersion: tls.SecureVersion = flaws.has('tls10') ? 'TLSv1' : flaws.has('tls11') ? 'TLSv1.1' : flaws.has('tls12-missing') ? 'TLSv1.3' : 'TLSv1.2';
  // Node's default list ends in exclusions ("!aNULL:!eNULL:…") that no later entry can undo: drop those the flaw needs gone.
  const dropped = new Set([...(flaws.has('anon-ciphers') ? ['!aNULL'] : []), ...(flaws.has('null-ciphers') ? ['!eNULL'] : [])]);
  const suites = tls.DEFAULT_CIPHERS.split(':').filter((s) => !dropped.has(s));
  if (flaws.has('anon-ciphers')) suites.push('aNULL');
  if (flaws.has('null-ciphers')) suites.push('eNULL');
  if (!flaws.has('static-rsa')) suites.push('!kRSA');
  const legacy = ['tls10', 'tls11', 'anon-ciphers', 'null-ciphers', 'cert-sha1', 'cert-rsa1024'].some((f) => flaws.has(f as Flaw));
  if (legacy) suites.push('@SECLEVEL=0');
  return {
    minVersion,
    ...(flaws.has('no-tls13') ? { maxVersion: 'TLSv1.2' as const } : {}),
    ciphers: suites.join(':'),
    secureOptions: (flaws.has('no-ems') ? SSL_OP_NO_EXTENDED_MASTER_SECRET : 0) | (flaws.has('client-renegotiation') ? 0 : SSL_OP_NO_RENEGOTIATION),
    // DHE and anonymous DH need parameters; 'auto' picks a group as strong as the certificate key.
    ...(flaws.has('anon-ciphers') ? { dhparam: 'auto' } : {}),
  };
}
