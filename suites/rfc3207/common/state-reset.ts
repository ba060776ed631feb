import type { CaseContext } from '../../../harness/run/case-context.ts';
import { startTls } from '../../../harness/run/case-context.ts';
import { closeRun } from '../../../harness/run/property-check.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';

/**
 * What the cases about the state kept across STARTTLS share (rfc3207/4.2/ehlo-forgotten,
 * envelope-forgotten, auth-forgotten, and reset-generated, which judges its runs with their oracles).
 */

/** The sentences of RFC 3207 §4.2 the three single cases enforce. */
export const SOURCE_4_2 = {
  rfc: 'RFC 3207',
  section: '4.2',
  text:
    '“Upon completion of the TLS handshake, the SMTP protocol is reset to the initial state (the state in SMTP after a server issues a 220 service ready greeting).” ' +
    '“The server MUST discard any knowledge obtained from the client, such as the argument to the EHLO command, which was not obtained from the TLS negotiation itself.”',
};

export type EhloObservation = {
  noCredentials?: boolean;
  afterTls?: number;
  afterTlsText?: string;
  submission?: string[];
  received?: string;
  control?: number;
  controlText?: string;
  /** The control's AUTH once it did send EHLO, when its AUTH without one was refused: is EHLO what the server wants? */
  controlAfterEhlo?: number;
};

/** A name only the pre-TLS EHLO carries, so that any later trace of it is knowledge kept across TLS. */
export const PRE_TLS_NAME = 'pre-tls.msaspec.test';

/** "503 send EHLO first": the refusal that shows by itself that the server no longer knows an EHLO. */
export const EHLO_FORGOTTEN_CODE = 503;

/** What a TLS session that never sent EHLO gets to AUTH (and, when refused, to AUTH after an EHLO): the server's initial state. */
export type HelloControl = Pick<EhloObservation, 'control' | 'controlText' | 'controlAfterEhlo'>;

/**
 * The control: a fresh TLS session (465 when the target has it, else 587 via STARTTLS) that
 * authenticates without any EHLO; when that is refused, it sends EHLO and authenticates again, which
 * shows whether the missing EHLO was the reason.
 */
export async function helloControl(ctx: CaseContext): Promise<HelloControl> {
  const implicit = ctx.target.ports.implicit !== undefined;
  const control = await ctx.open(implicit ? 'implicit' : 'starttls');
  try {
    if (!implicit) await startTls(control);
    const reply = await ctx.authPlain(control);
    if (reply.code === 334) await control.command('*');
    const observed: HelloControl = { control: reply.code, controlText: replyText(reply) };
    if (reply.code === 235) return observed;
    await ctx.ehlo(control);
    return { ...observed, controlAfterEhlo: (await ctx.authPlain(control)).code };
  } finally {
    await closeRun(control);
  }
}

export type EnvelopeObservation = {
  preTlsMail: string;
  preTlsCode: number;
  starttlsRefused?: string;
  rcpt?: string;
  rcptCode?: number;
  /** A second MAIL, sent when RCPT was refused for another reason than its sequence (relay policy, authentication). */
  mailAgain?: string;
  mailAgainCode?: number;
};

/**
 * Inside TLS, with no EHLO first (EHLO itself resets a transaction, RFC 5321 §4.1.4, and would hide a
 * leak): is the pre-TLS transaction still open? RCPT tells when it is accepted (kept) or refused as out
 * of sequence (503: forgotten). A RCPT refused by relay or recipient policy tells nothing, since it is
 * refused whether or not the MAIL survived: then a second MAIL tells, 503 (nested MAIL) if the
 * transaction is open, 250 if none is.
 */
export async function probeEnvelope(ctx: CaseContext, session: SmtpSession): Promise<Pick<EnvelopeObservation, 'rcpt' | 'rcptCode' | 'mailAgain' | 'mailAgainCode'>> {
  const rcpt = await session.command(`RCPT TO:<${ctx.probeRecipient}>`);
  if (rcpt.code < 400 || rcpt.code === 503) return { rcpt: replyText(rcpt), rcptCode: rcpt.code };
  const again = await session.command(`MAIL FROM:<${ctx.probeSender}>`);
  return { rcpt: replyText(rcpt), rcptCode: rcpt.code, mailAgain: replyText(again), mailAgainCode: again.code };
}

/** STARTTLS over pre-TLS state; the refusal's text when the server will not start TLS in that state. */
export async function upgradeUnlessRefused(session: SmtpSession): Promise<string | undefined> {
  const ready = await session.command('STARTTLS');
  if (ready.code !== 220) return replyText(ready);
  await session.startTls();
  return undefined;
}

export type AuthObservation = {
  probe: string;
  probeCode: number;
  /** The real password may not go in clear to this host: not followed up. */
  external?: boolean;
  noCredentials?: boolean;
  auth?: string;
  authCode?: number;
  starttlsRefused?: string;
  mail?: string;
  mailCode?: number;
};

/** How the user lets the real password go in clear to a live host. */
export const CLEARTEXT_OPT_IN = '--cleartext-test-credentials allows it, for a throwaway test account';
/** Why an external host's pre-TLS authentication is not probed, and how the user can allow it. */
export const NOT_IN_CLEAR = `not followed up: it would send the real password in clear (${CLEARTEXT_OPT_IN})`;

export const PROBE_PLAIN = Buffer.from('\0msaspec-probe\0not-the-password').toString('base64');
