import net from 'node:net';

export interface TraceInfo {
  /** The argument of the client's EHLO/HELO. */
  helo: string;
  /** 'EHLO' for the ESMTP family of protocol names, 'HELO' for plain SMTP. */
  greeting: 'EHLO' | 'HELO';
  /** The client's IP address, as the socket reports it. */
  clientAddress: string;
  /** This server's name. */
  hostname: string;
  /** The negotiated cipher suite's standard (IANA) name; undefined without TLS. */
  cipher: string | undefined;
  authenticated: boolean;
  id: string;
  date: Date;
}

/**
 * The Received header field (RFC 5321 §4.4) with its CRLF, folded:
 *
 *   Received: from <helo> ([<ip>])
 *   	by <hostname> (msaspec-flawed) with ESMTPSA
 *   	id <id>
 *   	tls <cipher suite>; <date-time>
 *
 * The protocol name is from RFC 3848 (ESMTP, ESMTPA, ESMTPS, ESMTPSA; SMTP after HELO). The tls
 * clause is RFC 8314 §4.3's; being an Additional-Registered-Clause it comes after the id clause
 * (Opt-info = [Via] [With] [ID] [For] [Additional-Registered-Clauses]).
 */
export function receivedHeader(trace: TraceInfo): string {
  const tls = trace.cipher !== undefined;
  const protocol = trace.greeting === 'HELO' ? 'SMTP' : `ESMTP${tls ? 'S' : ''}${trace.authenticated ? 'A' : ''}`;
  const lines = [
    `Received: from ${heloDomain(trace.helo)} (${addressLiteral(trace.clientAddress)})`,
    `\tby ${trace.hostname} (msaspec-flawed) with ${protocol}`,
    `\tid ${trace.id}`,
  ];
  if (tls) lines.push(`\ttls ${trace.cipher}`);
  const last = lines.length - 1;
  lines[last] = `${lines[last]}; ${rfc5322Date(trace.date)}`;
  return lines.map((line) => `${line}\r\n`).join('');
}

/** The client's greeting argument, reduced to characters that cannot break the field's structure. */
function heloDomain(helo: string): string {
  const word = helo.split(/\s+/)[0] ?? '';
  return word.replace(/[^A-Za-z0-9.\-_:[\]]/g, '_') || 'unknown';
}

/** RFC 5321 §4.1.3 address literal: [192.0.2.1] or [IPv6:2001:db8::1]. */
export function addressLiteral(address: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (v4mapped) return `[${v4mapped[1]}]`;
  return net.isIPv6(address) ? `[IPv6:${address}]` : `[${address}]`;
}

/** RFC 5322 §3.3 date-time in UTC with a numeric zone: "Tue, 04 Mar 2025 03:49:27 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
