import { X509Certificate } from 'node:crypto';
import { suiteName } from './cipher-suites.ts';
import type { ConclusiveProbe } from './probe-server.ts';
import { describeProbe } from './probe.ts';
import { EXTENSION, groupName, versionName } from './wire.ts';

/** A probe's answer as a case observation: JSON, no Buffers, the report's words included. */
export interface ProbeSummary {
  answer: 'negotiated' | 'refused';
  /** What the server did, e.g. "TLS 1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, group x25519". */
  text: string;
  version?: string;
  suite?: string;
  compression?: number;
  renegotiationInfo?: boolean;
  extendedMasterSecret?: boolean;
  ecdheGroup?: { name: string; id: number };
  dhePrimeBits?: number;
  /** The leaf's public key, from the plaintext Certificate message of TLS ≤ 1.2. */
  leafKey?: PublicKeySize;
}

export interface PublicKeySize {
  type: string;
  bits?: number;
  curve?: string;
}

export function publicKeySize(der: Buffer): PublicKeySize | undefined {
  try {
    const key = new X509Certificate(der).publicKey;
    const details = key.asymmetricKeyDetails ?? {};
    return { type: key.asymmetricKeyType ?? 'unknown', ...(details.modulusLength ? { bits: details.modulusLength } : {}), ...(details.namedCurve ? { curve: details.namedCurve } : {}) };
  } catch {
    return undefined;
  }
}

export function describeKey(key: PublicKeySize): string {
  return `${key.type.toUpperCase()}${key.bits ? ` ${key.bits} bits` : ''}${key.curve ? ` ${key.curve}` : ''}`;
}

export function summarize(result: ConclusiveProbe): ProbeSummary {
  if (result.outcome !== 'hello') return { answer: 'refused', text: describeProbe(result) };
  const { hello } = result;
  const leaf = result.certificates[0];
  const leafKey = leaf ? publicKeySize(leaf) : undefined;
  return {
    answer: 'negotiated',
    text: describeProbe(result),
    version: versionName(hello.version),
    suite: suiteName(hello.suite),
    compression: hello.compression,
    renegotiationInfo: hello.extensions.includes(EXTENSION.renegotiationInfo),
    extendedMasterSecret: hello.extensions.includes(EXTENSION.extendedMasterSecret),
    ...(result.keyExchange?.kind === 'ecdhe' ? { ecdheGroup: { name: groupName(result.keyExchange.group), id: result.keyExchange.group } } : {}),
    ...(result.keyExchange?.kind === 'dhe' ? { dhePrimeBits: result.keyExchange.primeBits } : {}),
    ...(leafKey ? { leafKey } : {}),
  };
}
