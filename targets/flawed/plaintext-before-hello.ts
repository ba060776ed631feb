import type net from 'node:net';

/** What to do with plaintext that came before the ClientHello: keep waiting for TLS, or give up on it. */
export type PlaintextHandler = (bytes: Buffer) => 'wait' | 'stop';

/** Where the first TLS handshake record header (type 22, version 3.0–3.4) starts in `chunk`, or -1. */
export function tlsRecordStart(chunk: Buffer): number {
  for (let i = chunk.indexOf(0x16); i >= 0; i = chunk.indexOf(0x16, i + 1)) {
    if (i + 2 >= chunk.length || (chunk[i + 1] === 0x03 && chunk[i + 2]! <= 0x04)) return i;
  }
  return -1;
}

/**
 * The flawed behaviour of several flaws (inject-late, tls-fallback, implicit-preface): instead of
 * handing the socket to TLS at once, as a conforming server does (so that any plaintext breaks the
 * handshake), read on in plaintext until a TLS record starts. Each plaintext chunk goes to
 * `onPlaintext`. Resolves with the socket, the record put back for the TLS layer to read first; or
 * with undefined when the handler stopped the wait (the socket stays in plaintext, paused) or the
 * connection ended.
 */
export function awaitClientHello(socket: net.Socket, onPlaintext: PlaintextHandler): Promise<net.Socket | undefined> {
  return new Promise((resolve) => {
    const done = (result: net.Socket | undefined): void => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      const start = tlsRecordStart(chunk);
      const plaintext = start < 0 ? chunk : chunk.subarray(0, start);
      if (plaintext.length > 0 && onPlaintext(plaintext) === 'stop') return done(undefined);
      if (start < 0) return;
      done(socket);
      // Node's TLSSocket reads what a wrapped socket has buffered before it reads the wire.
      socket.unshift(chunk.subarray(start));
    };
    const onClose = (): void => done(undefined);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.resume();
  });
}
