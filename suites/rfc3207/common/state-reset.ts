import { defineCase, NO_CREDENTIALS, type Judgement } from '../../../harness/model/case.ts';
import { refusesAddress, senderRefused } from '../../../harness/model/envelope.ts';
import { realPasswordInClear } from '../../../harness/model/target.ts';
import { startTls, type CaseContext } from '../../../harness/run/case-context.ts';
import { closeRun } from '../../../harness/run/property-check.ts';
import { awaitRelayed, probeMessageId, receivedNaming, submitMessage } from '../../../harness/run/relayed-message.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';

const SOURCE_4_2 = {
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

/** The control shows that this server refuses AUTH for want of EHLO: 503, or a refusal that an EHLO turns into 235. */
function needsEhlo(o: HelloControl): boolean {
  return o.control !== undefined && o.control !== 235 && (o.control === EHLO_FORGOTTEN_CODE || o.controlAfterEhlo === 235);
}

/**
 * After STARTTLS and no new EHLO, the probe authenticates. A 503 ("send EHLO first") shows the EHLO
 * was forgotten; another refusal shows it only when a control session that never sent EHLO gets the
 * same refusal and authenticates once it does (the server is back in its initial state). If AUTH is
 * accepted, the server may simply not need EHLO: then the message it relays shows whether it still
 * knows the pre-TLS name (the Received "from" clause), or, with no sink, the control shows whether
 * EHLO is needed at all.
 */
export const ehloForgottenAfterTls = defineCase<EhloObservation>({
  id: 'rfc3207/4.2/ehlo-forgotten',
  title: 'The EHLO given before STARTTLS is forgotten inside TLS',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: [
    'AUTH or MAIL inside TLS without a new EHLO refused with 503 (send EHLO first)',
    'accepted, and the relayed message\'s Received header does not name the pre-TLS EHLO',
    'another refusal, the same that a session which never sent EHLO gets (and loses after EHLO)',
    'INFO when the server needs no EHLO at all and the harness sees no relayed message, or refuses for a reason the control cannot tie to the missing EHLO',
  ],
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const session = await ctx.open('starttls');
    // The distinctive name is needed only where a relayed message will be searched for it; a live
    // host (no sink) gets the run's EHLO name, which its policy accepts.
    await session.command(`EHLO ${ctx.target.sinkDir ? PRE_TLS_NAME : ctx.ehloName}`);
    await startTls(session);
    const auth = await ctx.authPlain(session);
    const observation: EhloObservation = { afterTls: auth.code, afterTlsText: replyText(auth) };
    if (auth.code === EHLO_FORGOTTEN_CODE) return observation;
    if (auth.code !== 235) return { ...observation, ...(await helloControl(ctx)) };
    if (ctx.target.sinkDir) {
      const messageId = probeMessageId(ctx.ehloName);
      const { steps, accepted } = await submitMessage(session, ctx.sender, ctx.recipient, messageId);
      observation.submission = steps;
      if (accepted) observation.received = receivedNaming(await awaitRelayed(ctx.target.sinkDir, messageId, ctx.timeouts.caseMs / 2), PRE_TLS_NAME) ?? '';
      return observation;
    }
    return { ...observation, ...(await helloControl(ctx)) };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.afterTls === EHLO_FORGOTTEN_CODE) return { outcome: 'conforms', actual: `AUTH without a new EHLO → ${o.afterTlsText}`, seen: `refused with ${o.afterTls}` };
    if (o.afterTls !== 235) {
      const control = o.control === undefined ? '' : `; a session that never sent EHLO → ${o.controlText}${o.controlAfterEhlo !== undefined ? `, after EHLO → ${o.controlAfterEhlo}` : ''}`;
      const actual = `AUTH without a new EHLO → ${o.afterTlsText}${control}`;
      if (o.control === o.afterTls && needsEhlo(o)) return { outcome: 'conforms', actual, seen: `refused with ${o.afterTls}, as a session that never sent EHLO is` };
      return { outcome: 'info', actual: `${actual}: only a 503 (send EHLO first), or the refusal a session without EHLO gets, shows that the pre-TLS EHLO was forgotten` };
    }
    if (o.submission) {
      const steps = o.submission.join('; ');
      if (o.received === undefined) {
        return o.submission.some((step) => step.includes(`→ ${EHLO_FORGOTTEN_CODE}`))
          ? { outcome: 'conforms', actual: `AUTH accepted; ${steps}`, seen: 'transaction refused without a new EHLO (503)' }
          : { outcome: 'info', actual: `AUTH accepted without a new EHLO; ${steps}: the transaction was refused for another reason than a missing EHLO, so no relayed message shows what the server kept` };
      }
      const actual = `AUTH accepted without a new EHLO; Received: ${o.received}`.slice(0, 400);
      return o.received.includes(PRE_TLS_NAME)
        ? { outcome: 'violates', actual, seen: `Received names the pre-TLS EHLO ${PRE_TLS_NAME}` }
        : { outcome: 'conforms', actual, seen: 'the relayed message does not name the pre-TLS EHLO' };
    }
    if (needsEhlo(o)) {
      return {
        outcome: 'violates',
        actual: `AUTH without a new EHLO → ${o.afterTlsText}, but with no EHLO at all → ${o.controlText}${o.controlAfterEhlo !== undefined ? ` (after EHLO → ${o.controlAfterEhlo})` : ''}: the pre-TLS EHLO was remembered`,
      };
    }
    if (o.control !== 235) {
      return { outcome: 'info', actual: `AUTH without a new EHLO → ${o.afterTlsText}; with no EHLO at all → ${o.controlText}: a refusal not tied to the missing EHLO, so the reset cannot be seen` };
    }
    return { outcome: 'info', actual: `AUTH accepted without any EHLO (${o.controlText}) and no relayed message to inspect: the reset cannot be seen` };
  },
});

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

/** The oracle of a probed envelope (rfc3207/4.2/envelope-forgotten and the envelope runs of reset-generated). */
export function judgeEnvelope(o: EnvelopeObservation): Judgement {
  if (o.starttlsRefused) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}; STARTTLS → ${o.starttlsRefused}: no handshake for the transaction to cross` };
  if (o.rcptCode === undefined) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}: no pre-TLS transaction to carry over` };
  const actual = `MAIL before TLS → ${o.preTlsMail}; RCPT inside TLS → ${o.rcpt}${o.mailAgain !== undefined ? `; MAIL again → ${o.mailAgain}` : ''}`;
  if (o.rcptCode < 400) return { outcome: 'violates', actual, seen: 'pre-TLS MAIL FROM kept' };
  if (o.rcptCode === 503) return { outcome: 'conforms', actual, seen: 'refused with 503: no transaction open' };
  if (o.mailAgainCode === 503) return { outcome: 'violates', actual, seen: 'pre-TLS MAIL FROM kept: a new MAIL is refused as nested' };
  if (o.mailAgainCode !== undefined && o.mailAgainCode < 400) return { outcome: 'conforms', actual, seen: `RCPT refused with ${o.rcptCode}, then a new transaction: none was open` };
  return {
    outcome: 'info',
    actual: `${actual}: neither reply says whether the pre-TLS transaction is still open (set --rcpt-to, and --mail-from, to addresses the host accepts)`,
  };
}

/** STARTTLS over pre-TLS state; the refusal's text when the server will not start TLS in that state. */
async function upgradeUnlessRefused(session: SmtpSession): Promise<string | undefined> {
  const ready = await session.command('STARTTLS');
  if (ready.code !== 220) return replyText(ready);
  await session.startTls();
  return undefined;
}

export const envelopeForgottenAfterTls = defineCase<EnvelopeObservation>({
  id: 'rfc3207/4.2/envelope-forgotten',
  title: 'A MAIL FROM given before STARTTLS does not survive the handshake',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: [
    'RCPT right after the handshake refused with 503 (no MAIL in this TLS session)',
    'RCPT refused by policy, then a new MAIL accepted (no transaction was open)',
    'NA when MAIL is refused before TLS (no pre-TLS transaction exists), or STARTTLS is refused inside the transaction; INFO when neither RCPT nor a new MAIL tells',
  ],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const mail = await session.command(`MAIL FROM:<${ctx.probeSender}>`);
    if (mail.code !== 250) return { preTlsMail: replyText(mail), preTlsCode: mail.code };
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { preTlsMail: replyText(mail), preTlsCode: mail.code, starttlsRefused };
    return { preTlsMail: replyText(mail), preTlsCode: mail.code, ...(await probeEnvelope(ctx, session)) };
  },
  judge: judgeEnvelope,
});

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

/** The oracle of MAIL inside TLS after a pre-TLS authentication and no new AUTH (auth-forgotten and reset-generated). */
export function judgeAuthKept(auth: string, mail: string, mailCode: number): Judgement {
  const actual = `AUTH before TLS → ${auth}; MAIL inside TLS without AUTH → ${mail}`;
  if (mailCode < 400) return { outcome: 'violates', actual, seen: 'pre-TLS authentication kept' };
  // A sender refused by policy (RFC 6409 §6.1) is refused whether or not the authentication survived.
  if (refusesAddress(mail)) return senderRefused(actual);
  return { outcome: 'conforms', actual, seen: `refused with ${mailCode}` };
}

export const PROBE_PLAIN = Buffer.from('\0msaspec-probe\0not-the-password').toString('base64');

export const authForgottenAfterTls = defineCase<AuthObservation>({
  id: 'rfc3207/4.2/auth-forgotten',
  title: 'An authentication made before STARTTLS does not survive the handshake',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: ['MAIL inside TLS, after a new EHLO and no new AUTH, refused (530)', 'NA when AUTH is refused before TLS, or STARTTLS after it'],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    // Probe credentials first: the real password is sent in clear only to a server that evaluates
    // plaintext AUTH anyway, and never to an external host.
    const probe = await session.command(`AUTH PLAIN ${PROBE_PLAIN}`, 'AUTH PLAIN [probe credentials]');
    const observation: AuthObservation = { probe: replyText(probe), probeCode: probe.code };
    if (probe.code !== 535 && probe.code !== 235) return observation;
    if (!ctx.credentials) return { ...observation, noCredentials: true };
    if (!realPasswordInClear(ctx.target)) return { ...observation, external: true };
    const auth = await ctx.authPlain(session);
    observation.auth = replyText(auth);
    observation.authCode = auth.code;
    if (auth.code !== 235) return observation;
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { ...observation, starttlsRefused };
    await ctx.ehlo(session);
    const mail = await session.command(`MAIL FROM:<${ctx.sender}>`);
    return { ...observation, mail: replyText(mail), mailCode: mail.code };
  },
  judge(o) {
    if (o.noCredentials) return { ...NO_CREDENTIALS, actual: `AUTH before TLS → ${o.probe}; ${NO_CREDENTIALS.actual}` };
    if (o.external) return { outcome: 'na', actual: `AUTH before TLS → ${o.probe}; ${NOT_IN_CLEAR}` };
    if (o.starttlsRefused) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth}; STARTTLS → ${o.starttlsRefused}: no handshake for the authentication to cross` };
    if (o.mailCode === undefined) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth ?? o.probe}: no pre-TLS authentication to carry over` };
    return judgeAuthKept(o.auth ?? '', o.mail ?? '', o.mailCode);
  },
});
