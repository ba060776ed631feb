import { defineCase } from '../../../harness/model/case.ts';
import { SUITES } from '../../../harness/tls-probe/cipher-suites.ts';
import { nodeHandshake } from '../../../harness/tls-probe/node-handshake.ts';
import { probeAll } from '../../../harness/tls-probe/probe-server.ts';
import { describeKey, publicKeySize, summarize, type ProbeSummary, type PublicKeySize } from '../../../harness/tls-probe/summary.ts';
import { GROUPS, VERSION } from '../../../harness/tls-probe/wire.ts';

interface KeyObservation {
  certificateKey?: PublicKeySize;
  /** The ECDHE group of a TLS 1.2 ECDHE-only probe. */
  ecdhe: ProbeSummary;
  /** The DH prime of a TLS 1.2 DHE-only probe (no supported_groups, so the server picks its parameters). */
  dhe: ProbeSummary;
  /** The group of a default handshake (TLS 1.3 where the server has it), as OpenSSL reports it. */
  defaultHandshake?: { protocol: string; type?: string; group?: string; bits?: number };
}

/**
 * RFC 9325 §4.5's sizes, at its level (MUST, REQUIRED). Its floor for curves is 224 bits, so P-224 passes
 * here (no common TLS stack offers it by default).
 */
const MIN_RSA = 2048;
const MIN_DH = 2048;
const MIN_EC_BITS = 224;

export const keyStrength = defineCase<KeyObservation>({
  id: 'tls/keys/key-strength',
  title: 'Certificate key, ECDHE group and DHE prime are strong enough',
  requirements: ['T-KEY'],
  level: 'MUST',
  category: 'tls',
  source: {
    rfc: 'RFC 9325',
    section: '4.5',
    text:
      '“With a key exchange based on modular exponential (MODP) Diffie-Hellman groups ("DHE" cipher suites), DH key lengths of at least 2048 bits are REQUIRED.” ' +
      '“Curves of less than 224 bits MUST NOT be used.” “When using RSA, servers MUST authenticate using certificates with at least a 2048-bit modulus for the public key.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['certificate RSA ≥ 2048 bits (or an EC key)', 'ECDHE group of ≥ 224 bits (P-256, x25519…)', 'DHE prime ≥ 2048 bits, or DHE not offered'],
  proof: { flaw: 'cert-rsa1024', verdict: 'FAIL' },
  async run(ctx) {
    const probes = await probeAll(ctx, {
      ecdhe: { clientVersion: VERSION.tls12, suites: SUITES.ecdhe },
      dhe: { clientVersion: VERSION.tls12, suites: SUITES.dhe, groups: [] },
    });
    const handshake = await nodeHandshake(ctx);
    const fromProbe = probes.ecdhe.outcome === 'hello' ? summarize(probes.ecdhe).leafKey : undefined;
    const leaf = handshake.ok ? handshake.chain[0] : undefined;
    const certificateKey = fromProbe ?? (leaf ? publicKeySize(leaf) : undefined);
    return {
      ...(certificateKey ? { certificateKey } : {}),
      ecdhe: summarize(probes.ecdhe),
      dhe: summarize(probes.dhe),
      ...(handshake.ok ? { defaultHandshake: { protocol: handshake.protocol, ...(handshake.ephemeral ? { type: handshake.ephemeral.type } : {}), ...(handshake.ephemeral?.name ? { group: handshake.ephemeral.name } : {}), ...(handshake.ephemeral?.size ? { bits: handshake.ephemeral.size } : {}) } } : {}),
    };
  },
  judge(o) {
    const parts: string[] = [];
    const weak: string[] = [];
    const key = o.certificateKey;
    if (key) {
      parts.push(`certificate ${describeKey(key)}`);
      if (key.type === 'rsa' && (key.bits ?? 0) < MIN_RSA) weak.push(`RSA key of ${key.bits} bits`);
    } else parts.push('certificate key not seen');
    const group = o.ecdhe.ecdheGroup;
    if (group) {
      parts.push(`ECDHE ${group.name} (TLS 1.2)`);
      if ((GROUPS[group.id]?.bits ?? 0) < MIN_EC_BITS) weak.push(`ECDHE group ${group.name}`);
    } else parts.push(`ECDHE: ${o.ecdhe.text}`);
    if (o.dhe.dhePrimeBits !== undefined) {
      parts.push(`DHE ${o.dhe.dhePrimeBits}-bit prime`);
      if (o.dhe.dhePrimeBits < MIN_DH) weak.push(`DH prime of ${o.dhe.dhePrimeBits} bits`);
    } else parts.push(o.dhe.answer === 'refused' ? 'DHE not offered' : `DHE: ${o.dhe.text}`);
    if (o.defaultHandshake) {
      parts.push(`default handshake ${o.defaultHandshake.protocol}${o.defaultHandshake.group ? ` ${o.defaultHandshake.group}` : ''}`);
      const { bits, type } = o.defaultHandshake;
      if (bits !== undefined && bits < (type === 'DH' ? MIN_DH : MIN_EC_BITS)) weak.push(`key exchange ${o.defaultHandshake.group ?? type} of ${bits} bits`);
    }
    const actual = parts.join('; ');
    // Nothing seen (every handshake refused) is nothing to judge, not a pass.
    const seenAny = key !== undefined || group !== undefined || o.dhe.dhePrimeBits !== undefined || o.defaultHandshake !== undefined;
    if (!seenAny) return { outcome: 'na', actual: `no key seen: ${actual}` };
    return weak.length ? { outcome: 'violates', actual: `${weak.join(', ')}: ${actual}` } : { outcome: 'conforms', actual };
  },
});

export default keyStrength;
