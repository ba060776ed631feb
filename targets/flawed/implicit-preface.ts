import net from 'node:net';
import tls from 'node:tls';
import { Connection, type ConnectionOptions } from './connection.ts';
import { awaitClientHello } from './plaintext-before-hello.ts';

/**
 * The implicit-TLS listener of the implicit-preface flaw: plaintext a client sends before its
 * ClientHello is kept rather than breaking the handshake, and once TLS is up it is read as the first
 * SMTP commands of the session (RFC 8314 §3.3 wants submission data only inside TLS).
 */
export function prefacedImplicitServer(secureContext: tls.SecureContext, connection: ConnectionOptions): net.Server {
  return net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.setTimeout(connection.idleTimeoutMs, () => socket.destroy());
    const preface: Buffer[] = [];
    void awaitClientHello(socket, (bytes) => (preface.push(bytes), 'wait')).then((hello) => {
      if (!hello) return;
      socket.setTimeout(0);
      const secure = new tls.TLSSocket(hello, { isServer: true, secureContext });
      secure.on('error', () => secure.destroy());
      secure.once('secure', () => new Connection(secure, true, connection).receive(Buffer.concat(preface)));
    });
  });
}
