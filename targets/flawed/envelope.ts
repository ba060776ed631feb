import { REPLIES } from './replies.ts';

export const MAX_MESSAGE_SIZE = 10_240_000;

const MAIL_FROM = /^FROM:\s*<([^<>\s]*)>(?:\s+(.*))?$/i;
const RCPT_TO = /^TO:\s*<([^<>\s]+)>(?:\s+(.*))?$/i;

export type Parsed = { address: string } | { error: string };

/** MAIL FROM:<reverse-path> [SIZE=n] [BODY=7BIT|8BITMIME] [AUTH=xtext] (RFC 5321 §4.1.1.2, 1870, 6152, 4954 §5). */
export function parseMailFrom(args: string): Parsed {
  const match = MAIL_FROM.exec(args);
  if (!match) return { error: REPLIES.mailSyntax };
  for (const parameter of (match[2] ?? '').split(/\s+/).filter(Boolean)) {
    const [name = '', value] = parameter.split('=', 2);
    switch (name.toUpperCase()) {
      case 'SIZE':
        if (value === undefined || !/^\d{1,20}$/.test(value)) return { error: REPLIES.mailSyntax };
        if (Number(value) > MAX_MESSAGE_SIZE) return { error: REPLIES.messageTooBig };
        break;
      case 'BODY':
        if (!/^(?:7BIT|8BITMIME)$/i.test(value ?? '')) return { error: REPLIES.mailSyntax };
        break;
      case 'AUTH':
        if (!value) return { error: REPLIES.mailSyntax };
        break;
      default:
        // RFC 5321 §4.1.1.11: an unknown parameter gets 555.
        return { error: REPLIES.unknownParameter };
    }
  }
  return { address: match[1] ?? '' };
}

/** RCPT TO:<forward-path>; no RCPT parameters are advertised, so any is refused with 555. */
export function parseRcptTo(args: string): Parsed {
  const match = RCPT_TO.exec(args);
  if (!match) return { error: REPLIES.rcptSyntax };
  if (match[2]?.trim()) return { error: REPLIES.unknownParameter };
  return { address: match[1] ?? '' };
}
