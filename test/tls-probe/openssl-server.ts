import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's `openssl s_server` on 127.0.0.1 with a key and certificate made for it: the independent,
 * OpenSSL-backed server the probe's tests (and its recorded fixtures) are made against.
 */
export class OpensslServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async start(args: string[], credentials: { cert: string; key: string }): Promise<OpensslServer> {
    const dir = mkdtempSync(join(tmpdir(), 'msaspec-s-server-'));
    writeFileSync(join(dir, 'cert.pem'), credentials.cert);
    writeFileSync(join(dir, 'key.pem'), credentials.key);
    const port = await freePort();
    const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-cert', join(dir, 'cert.pem'), '-key', join(dir, 'key.pem'), '-naccept', '100', '-quiet', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const server = new OpensslServer(child, dir, port);
    await server.waitListening(5_000);
    return server;
  }

  private async waitListening(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`openssl s_server exited with ${this.child.exitCode}`);
      const open = await new Promise<boolean>((resolve) => {
        const socket = net.connect(this.port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
      if (open) return;
      if (Date.now() > deadline) throw new Error('openssl s_server did not start listening');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
