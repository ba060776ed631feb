import { HarnessError } from './errors.ts';

/** A complete SMTP reply (RFC 5321 §4.2): one code, one or more text lines. */
export interface SmtpReply {
  code: number;
  lines: string[];
}

export const replyText = (reply: SmtpReply): string => reply.lines.map((l) => `${reply.code} ${l}`.trimEnd()).join(' / ');
export const isPositive = (reply: SmtpReply) => reply.code >= 200 && reply.code < 400;
export const isRefusal = (reply: SmtpReply) => reply.code >= 400 && reply.code < 600;

/**
 * Strict reply-line grammar of RFC 5321 §4.2:
 *   Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
 * Reply-code is three digits, first 2-5, second 0-5. Anything else is malformed.
 */
const REPLY_LINE = /^([2-5][0-5][0-9])(?:([- ])(.*))?$/s;

export interface ParsedLine {
  code: number;
  last: boolean;
  text: string;
}

export function parseReplyLine(line: string): ParsedLine {
  const m = REPLY_LINE.exec(line);
  if (!m) throw new HarnessError(`malformed reply line: ${JSON.stringify(line.slice(0, 80))}`, 'malformed');
  const [, code, sep, text] = m;
  if (sep === '-' ) return { code: Number(code), last: false, text: text ?? '' };
  return { code: Number(code), last: true, text: text ?? '' };
}

/** Accumulates reply lines; returns the reply when the last line arrives. */
export class ReplyAssembler {
  private code: number | undefined;
  private lines: string[] = [];

  push(line: string): SmtpReply | undefined {
    const parsed = parseReplyLine(line);
    if (this.code !== undefined && parsed.code !== this.code) {
      throw new HarnessError(`malformed multi-line reply: code ${parsed.code} after ${this.code}`, 'malformed');
    }
    this.code = parsed.code;
    this.lines.push(parsed.text);
    if (!parsed.last) return undefined;
    const reply = { code: parsed.code, lines: this.lines };
    this.code = undefined;
    this.lines = [];
    return reply;
  }

  get pendingLines(): number {
    return this.lines.length;
  }
}

/** EHLO keywords (RFC 5321 §4.1.1.1): the first word of every line but the greeting line, upper-cased. */
export function ehloKeywords(reply: SmtpReply): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of reply.lines.slice(1)) {
    const [keyword, ...params] = line.trim().split(/\s+/);
    if (keyword) out.set(keyword.toUpperCase(), params.map((p) => p.toUpperCase()));
  }
  return out;
}

/** SASL mechanisms advertised by an EHLO reply (RFC 4954 §3). */
export function authMechanisms(reply: SmtpReply): string[] {
  return ehloKeywords(reply).get('AUTH') ?? [];
}
