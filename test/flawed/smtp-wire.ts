import net from 'node:net';
import tls from 'node:tls';

const WAIT_MS = 2_000;

export interface Trust {
  ca: string;
  servername: string;
}

/** A bare SMTP client for tests: raw writes, whole replies read back, STARTTLS done by hand. */
export class SmtpWire {
  private buffer = '';
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer): void => {
    this.buffer += chunk.toString('utf8');
    this.wake?.();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake?.();
  };

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  static async plain(port: number): Promise<SmtpWire> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    return new SmtpWire(socket);
  }

  static async implicit(port: number, trust: Trust, options: tls.ConnectionOptions = {}): Promise<SmtpWire> {
    const socket = tls.connect({ host: '127.0.0.1', port, ...trust, ...options });
    await once(socket, 'secureConnect');
    return new SmtpWire(socket);
  }

  get encrypted(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  /** Bytes received but not yet read as a reply. */
  get unread(): string {
    return this.buffer;
  }

  write(text: string): void {
    this.socket.write(text);
  }

  /** Sends one command and reads its reply. */
  async command(line: string): Promise<string[]> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** The next whole reply, one string per line without CRLF. */
  async reply(): Promise<string[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const lines: string[] = [];
      let offset = 0;
      for (;;) {
        const end = this.buffer.indexOf('\r\n', offset);
        if (end < 0) break;
        const line = this.buffer.slice(offset, end);
        lines.push(line);
        offset = end + 2;
        if (/^\d{3}(?: |$)/.test(line)) {
          this.buffer = this.buffer.slice(offset);
          return lines;
        }
      }
      if (this.ended) throw new Error(`connection closed; unread: ${JSON.stringify(this.buffer)}`);
      await this.waitForData(deadline);
    }
  }

  /** STARTTLS already answered 220: hands the socket to TLS. */
  async upgrade(trust: Trust): Promise<void> {
    const plain = this.socket;
    plain.off('data', this.onData);
    plain.off('end', this.onEnd);
    const secure = tls.connect({ socket: plain, ...trust });
    await once(secure, 'secureConnect');
    this.socket = secure;
    this.attach(secure);
  }

  /** Resolves once the server has closed the connection. */
  async closed(): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!this.ended) await this.waitForData(deadline);
  }

  /** Resolves with true if nothing arrives for `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    const before = this.buffer.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.buffer.length === before && !this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', () => undefined);
  }

  private waitForData(deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        reject(new Error(`no reply within ${WAIT_MS} ms; unread: ${JSON.stringify(this.buffer)}`));
      }, Math.max(0, deadline - Date.now()));
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function once(socket: net.Socket, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${WAIT_MS} ms`)), WAIT_MS);
    socket.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
