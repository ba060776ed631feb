/** One line of a transcript. "C" client → server, "S" server → client, "*" an event of the harness. */
export interface WireEntry {
  /** Milliseconds since the log started. */
  t: number;
  dir: 'C' | 'S' | '*';
  /** True once TLS protects the connection; reports mark where it turns true. */
  tls: boolean;
  text: string;
}

/**
 * The transcript of every connection a case makes. Secrets handed to it are masked in every entry,
 * in clear and in base64, so that credentials never reach a report (README "Reports").
 */
export class WireLog {
  readonly entries: WireEntry[] = [];
  private readonly start = Date.now();
  private readonly secrets: string[] = [];

  /** Masks the password and the AUTH PLAIN blob that carries it (RFC 4616: "\0user\0password"). */
  addCredentials(user: string | undefined, password: string | undefined): this {
    if (password && user) this.addSecret(`\0${user}\0${password}`);
    return this.addSecret(password);
  }

  addSecret(secret: string | undefined): this {
    if (secret) {
      this.secrets.push(secret, Buffer.from(secret).toString('base64'));
    }
    return this;
  }

  add(dir: WireEntry['dir'], tls: boolean, text: string): void {
    this.entries.push({ t: Date.now() - this.start, dir, tls, text: this.mask(text) });
  }

  event(tls: boolean, text: string): void {
    this.add('*', tls, text);
  }

  /** Does `text` carry one of the secrets (in clear or base64)? */
  carriesSecret(text: string): boolean {
    return this.secrets.some((secret) => text.includes(secret));
  }

  mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('[redacted]');
    return out;
  }
}

/** Printable form of bytes on the wire: control characters other than the line end become \xNN. */
export function printable(text: string): string {
  return text.replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
