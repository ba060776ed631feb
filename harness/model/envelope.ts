import type { Judgement } from './case.ts';

/**
 * The addresses and the EHLO name the harness uses in its sessions, as the user set them
 * (`--mail-from`, `--rcpt-to`, `--ehlo-name`); an absent member keeps the suite's default. A live host
 * refuses the suite's `@example.test` addresses by policy, so they must be changeable.
 */
export interface EnvelopeSettings {
  mailFrom?: string;
  rcptTo?: string;
  ehloName?: string;
}

/** The EHLO argument of every session the harness greets (unless a case sends a name of its own). */
export const DEFAULT_EHLO_NAME = 'client.msaspec.test';
/** Recipient of every message the harness submits. */
export const DEFAULT_RECIPIENT = 'recipient@example.test';
/** Sender and recipient of the commands sent without authentication (probes of what is refused). */
export const DEFAULT_PROBE_ADDRESS = 'probe@example.test';
/** Domain of the default sender, after the user name. */
export const DEFAULT_SENDER_DOMAIN = 'example.test';

/**
 * Sender of an authenticated submission: `--mail-from`, else the user name when it already is an
 * address (`alice@chasquid.test` stays as it is), else `<user>@example.test`.
 */
export function senderFor(settings: EnvelopeSettings | undefined, user: string | undefined): string {
  if (settings?.mailFrom) return settings.mailFrom;
  if (user === undefined) return DEFAULT_PROBE_ADDRESS;
  return user.includes('@') ? user : `${user}@${DEFAULT_SENDER_DOMAIN}`;
}

// RFC 5321 §4.1.2: atext of RFC 5322 §3.2.3, Dot-string, sub-domain = Let-dig [Ldh-str].
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const DOT_STRING = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ADDRESS_LITERAL = /^\[(?:\d{1,3}(?:\.\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\]$/;

/** A domain name of RFC 5321 §4.1.2 (letters, digits, hyphens; labels up to 63 octets, 255 in all). */
export function isDomainName(value: string): boolean {
  if (value.length === 0 || value.length > 255) return false;
  return value.split('.').every((label) => label.length <= 63 && LABEL.test(label));
}

/** EHLO's argument (RFC 5321 §4.1.1.1): a domain name or an address literal such as [192.0.2.1]. */
export function isEhloName(value: string): boolean {
  return isDomainName(value) || ADDRESS_LITERAL.test(value);
}

/**
 * A mailbox the harness can put between angle brackets (RFC 5321 §4.1.2, §4.5.3.1): a dot-string
 * local part of up to 64 octets, "@", a domain name. Quoted local parts and address literals are not
 * taken: they are rare in submission and easy to get wrong on a command line.
 */
export function isMailbox(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  return local.length <= 64 && DOT_STRING.test(local) && isDomainName(value.slice(at + 1));
}

/** Codes that never mean "this address is not wanted here": the session, the protocol or the authentication. */
const NOT_ABOUT_THE_ADDRESS = new Set([421, 500, 501, 502, 503, 504, 530, 534, 535, 538, 552, 555]);

/**
 * Does this reply (its text as `replyText` gives it) refuse a MAIL or RCPT for the address it named,
 * by the host's policy or because the host does not want that address: relay denied, a sender the
 * account may not use (RFC 6409 §6.1: "Reply code 550 with an appropriate enhanced status code …,
 * such as 5.7.1"), an unknown domain or mailbox, greylisting. With an enhanced status code (RFC 3463)
 * its subject says so (X.1.x addressing, X.7.x security or policy); without one, only the codes RFC
 * 5321 §4.2.3 gives for an unavailable or refused mailbox (450, 550, 551, 553) count.
 */
export function refusesAddress(text: string): boolean {
  const match = /^(\d{3})(?:[ -]([245])\.(\d{1,3})\.(\d{1,3})(?=[\s;,:]|$))?/.exec(text);
  if (!match) return false;
  const code = Number(match[1]);
  if (code < 400 || code >= 600 || NOT_ABOUT_THE_ADDRESS.has(code)) return false;
  if (match[2] !== undefined) return match[3] === '1' || match[3] === '7';
  return [450, 550, 551, 553].includes(code);
}

/**
 * NA for a case whose transaction could not start because the host refused the sender by policy:
 * RFC 6409 §6.1 lets an MSA refuse "a MAIL command if the address in MAIL FROM appears to have
 * insufficient submission rights", so the refusal breaks nothing the case checks.
 */
export function senderRefused(actual: string): Judgement {
  return {
    outcome: 'na',
    actual: `${actual}: the host refused the sender by policy (RFC 6409 §6.1 allows it), so the case could not go on; set --mail-from to an address this account may use`,
  };
}

/** NA for a case whose transaction found no recipient the host accepts (relay, recipient or, applied at RCPT, sender rules). */
export function recipientRefused(actual: string): Judgement {
  return {
    outcome: 'na',
    actual: `${actual}: the host refused the recipient by policy (relay, recipient or sender rules, which some servers apply at RCPT), so the case could not go on; set --rcpt-to (and --mail-from) to addresses it accepts`,
  };
}
