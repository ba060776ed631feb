import { nodeHandshake } from '../../../harness/tls-probe/node-handshake.ts';

/** A full handshake with one protocol version offered (tls/versions/tls12-negotiated, tls13-supported). */

export type Handshake = { ok: true; protocol: string; cipher: string; group?: string } | { ok: false; reason: string };

export async function handshakeOnly(ctx: Parameters<typeof nodeHandshake>[0], version: 'TLSv1.2' | 'TLSv1.3'): Promise<Handshake> {
  const result = await nodeHandshake(ctx, { minVersion: version, maxVersion: version });
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, protocol: result.protocol, cipher: result.cipher, ...(result.ephemeral?.name ? { group: result.ephemeral.name } : {}) };
}

export const describeHandshake = (h: Extract<Handshake, { ok: true }>) => `${h.protocol} ${h.cipher}${h.group ? `, key exchange ${h.group}` : ''}`;
