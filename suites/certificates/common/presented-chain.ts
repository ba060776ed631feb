import { chainFacts, type ChainFacts } from '../../../harness/pki/certificate-facts.ts';
import type { PortKind } from '../../../harness/model/port.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { nodeHandshake } from '../../../harness/tls-probe/node-handshake.ts';

/**
 * The chain a port presents, with the facts the certificate cases judge. The observing handshake runs
 * at OpenSSL security level 0, so that a weak certificate is seen and judged rather than refused.
 */
export async function presentedChain(ctx: CaseContext, kind: PortKind = ctx.port): Promise<ChainFacts> {
  const handshake = await nodeHandshake(ctx, { ciphers: 'DEFAULT:@SECLEVEL=0' }, kind);
  if (!handshake.ok) throw new HarnessError(`no TLS handshake to read the certificate from: ${handshake.reason}`, 'tls');
  const verification = { authorized: handshake.authorized, ...(handshake.authorizationError ? { error: handshake.authorizationError } : {}) };
  return chainFacts(handshake.chain, ctx.target.servername, ctx.target.ca, new Date(), verification);
}

export const leafOf = (facts: ChainFacts) => facts.certificates[0];
