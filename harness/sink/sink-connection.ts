import type net from 'node:net';
import { SinkSession, type SinkSessionConfig, type SinkTransport } from './sink-session.ts';

const LINGER_MS = 1_000;

/** Carries one sink session over a socket; a connection idle for `idleTimeoutMs` gets 421 and is closed. */
export class SinkConnection implements SinkTransport {
  private readonly session: SinkSession;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: net.Socket,
    config: SinkSessionConfig,
    private readonly idleTimeoutMs: number,
  ) {
    this.session = new SinkSession(config, this);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => this.stopTimer());
    socket.on('data', (chunk: Buffer) => {
      this.touch();
      this.session.receive(chunk);
    });
    this.touch();
    this.session.greet();
  }

  send(text: string): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(text);
  }

  close(): void {
    this.stopTimer();
    this.socket.end();
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    if (!this.socket.destroyed) this.socket.resume();
  }

  private touch(): void {
    this.stopTimer();
    this.timer = setTimeout(() => {
      this.send('421 4.4.2 Idle timeout, closing connection\r\n');
      this.close();
    }, this.idleTimeoutMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
