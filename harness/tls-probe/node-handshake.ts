import tls from 'node:tls';
import type { PortKind } from '../model/port.ts';
import type { CaseContext } from '../run/case-context.ts';
import { describeSocketError, timeoutError } from '../smtp/errors.ts';
import { withHandshakeSocket } from './handshake-socket.ts';

export interface NodeHandshakeOptions {
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  /** OpenSSL cipher string; certificate inspection lowers the security level so it sees whatever the server presents. */
  ciphers?: string;
}

/** A full handshake by Node's TLS (OpenSSL), done to observe the server, never to send anything. */
export type NodeHandshake =
  | {
      ok: true;
      protocol: string;
      cipher: string;
      /** Key exchange group of the handshake (getEphemeralKeyInfo): e.g. ECDH X25519 253. */
      ephemeral?: { type: string; name?: string; size?: number };
      /** Verification against the target's trust anchor and server name, as OpenSSL saw it. */
      authorized: boolean;
      authorizationError?: string;
      /** DER certificates as the peer chain reports them, leaf first. */
      chain: Buffer[];
    }
  | { ok: false; reason: string };

/** The peer's chain as Node reports it, leaf first, without repeats (a root is its own issuer). */
function peerChain(socket: tls.TLSSocket): Buffer[] {
  const chain: Buffer[] = [];
  let cert: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !chain.some((c) => c.equals(cert!.raw))) {
    chain.push(cert.raw);
    cert = cert.issuerCertificate;
  }
  return chain;
}

/**
 * Runs Node's handshake over a fresh handshake socket (465 from the first byte, 587 after STARTTLS).
 * Certificates are not enforced here (rejectUnauthorized false): the certificate cases judge them, and
 * nothing is sent over this connection.
 */
export async function nodeHandshake(ctx: CaseContext, options: NodeHandshakeOptions = {}, kind: PortKind = ctx.port): Promise<NodeHandshake> {
  return withHandshakeSocket(ctx, (socket) =>
    new Promise<NodeHandshake>((resolve, reject) => {
      const secure = tls.connect({
        socket,
        servername: ctx.target.servername,
        ...(ctx.target.ca ? { ca: ctx.target.ca } : {}),
        rejectUnauthorized: false,
        ...options,
      });
      const timer = setTimeout(() => finish(() => reject(timeoutError('TLS handshake', ctx.timeouts.replyMs))), ctx.timeouts.replyMs);
      let settled = false;
      const finish = (settle: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        secure.removeAllListeners('secureConnect');
        secure.on('error', () => undefined);
        secure.destroy();
        settle();
      };
      secure.once('secureConnect', () => {
        const cipher = secure.getCipher();
        const ephemeral = secure.getEphemeralKeyInfo();
        const result: NodeHandshake = {
          ok: true,
          protocol: secure.getProtocol() ?? 'unknown',
          cipher: cipher.standardName ?? cipher.name,
          ...(ephemeral && 'type' in ephemeral && ephemeral.type ? { ephemeral: { type: ephemeral.type, ...(ephemeral.name ? { name: ephemeral.name } : {}), ...(ephemeral.size ? { size: ephemeral.size } : {}) } } : {}),
          authorized: secure.authorized,
          ...(secure.authorizationError ? { authorizationError: String(secure.authorizationError) } : {}),
          chain: peerChain(secure),
        };
        ctx.log.event(true, `Node TLS handshake: ${result.protocol} ${result.cipher}${result.ephemeral?.name ? ` ${result.ephemeral.name}` : ''}`);
        finish(() => resolve(result));
      });
      secure.once('error', (err: NodeJS.ErrnoException) => {
        const error = describeSocketError(err, 'TLS handshake');
        if (error.code === 'tls' || error.code === 'closed') {
          ctx.log.event(false, `Node TLS handshake failed: ${error.message}`);
          finish(() => resolve({ ok: false, reason: error.message }));
        } else finish(() => reject(error));
      });
      secure.once('close', () => finish(() => resolve({ ok: false, reason: 'connection closed during the TLS handshake' })));
    }),
    kind,
  );
}
