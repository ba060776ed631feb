import { defineCase, NO_CREDENTIALS } from '../../harness/model/case.ts';
import { ehlo, startTls } from '../../harness/run/case-context.ts';
import { awaitRelayed, probeMessageId, submitMessage, topReceived } from '../../harness/run/relayed-message.ts';
import { replyText } from '../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../harness/smtp/smtp-session.ts';

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
};

/** A name only the pre-TLS EHLO carries, so that any later trace of it is knowledge kept across TLS. */
export const PRE_TLS_NAME = 'pre-tls.msaspec.test';

/**
 * After STARTTLS and no new EHLO, the probe authenticates. A refusal ("send EHLO first") shows the
 * EHLO was forgotten. If it is accepted, the server may simply not need EHLO: then the message it
 * relays shows whether it still knows the pre-TLS name (the Received "from" clause), or, with no sink,
 * a control connection that never sent EHLO shows whether EHLO is needed at all.
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
    'AUTH or MAIL inside TLS without a new EHLO refused (503: send EHLO first)',
    'accepted, and the relayed message\'s Received header does not name the pre-TLS EHLO',
    'INFO when the server needs no EHLO at all and the harness sees no relayed message',
  ],
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const session = await ctx.open('starttls');
    await session.command(`EHLO ${PRE_TLS_NAME}`);
    await startTls(session);
    const auth = await ctx.authPlain(session);
    const observation: EhloObservation = { afterTls: auth.code, afterTlsText: replyText(auth) };
    if (auth.code !== 235) return observation;
    if (ctx.target.sinkDir) {
      const messageId = probeMessageId();
      const { steps, accepted } = await submitMessage(session, `${ctx.credentials.user}@example.test`, messageId);
      observation.submission = steps;
      if (accepted) observation.received = topReceived(await awaitRelayed(ctx.target.sinkDir, messageId, ctx.timeouts.caseMs / 2)) ?? '';
      return observation;
    }
    // The control never sends EHLO: on 465 when the target has it, else on 587 via STARTTLS.
    const implicit = ctx.target.ports.implicit !== undefined;
    const control = await ctx.open(implicit ? 'implicit' : 'starttls');
    if (!implicit) await startTls(control);
    const reply = await ctx.authPlain(control);
    return { ...observation, control: reply.code, controlText: replyText(reply) };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.afterTls !== 235) return { outcome: 'conforms', actual: `AUTH without a new EHLO → ${o.afterTlsText}`, seen: `refused with ${o.afterTls}` };
    if (o.submission) {
      const steps = o.submission.join('; ');
      if (o.received === undefined) return { outcome: 'conforms', actual: `AUTH accepted; ${steps}`, seen: 'transaction refused without a new EHLO' };
      const actual = `AUTH accepted without a new EHLO; Received: ${o.received}`.slice(0, 400);
      return o.received.includes(PRE_TLS_NAME)
        ? { outcome: 'violates', actual, seen: `Received names the pre-TLS EHLO ${PRE_TLS_NAME}` }
        : { outcome: 'conforms', actual, seen: 'the relayed message does not name the pre-TLS EHLO' };
    }
    if (o.control !== 235) {
      return {
        outcome: 'violates',
        actual: `AUTH without a new EHLO → ${o.afterTlsText}, but with no EHLO at all → ${o.controlText}: the pre-TLS EHLO was remembered`,
      };
    }
    return { outcome: 'info', actual: `AUTH accepted without any EHLO (${o.controlText}) and no relayed message to inspect: the reset cannot be seen` };
  },
});

export type EnvelopeObservation = { preTlsMail: string; preTlsCode: number; starttlsRefused?: string; rcpt?: string; rcptCode?: number };

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
  expected: ['RCPT right after the handshake refused (no MAIL in this TLS session)', 'NA when MAIL is refused before TLS (no pre-TLS transaction exists), or STARTTLS is refused inside the transaction'],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const mail = await session.command('MAIL FROM:<probe@example.test>');
    if (mail.code !== 250) return { preTlsMail: replyText(mail), preTlsCode: mail.code };
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { preTlsMail: replyText(mail), preTlsCode: mail.code, starttlsRefused };
    // No EHLO here on purpose: EHLO itself resets a transaction (RFC 5321 §4.1.4) and would hide a leak.
    const rcpt = await session.command('RCPT TO:<probe@example.test>');
    return { preTlsMail: replyText(mail), preTlsCode: mail.code, rcpt: replyText(rcpt), rcptCode: rcpt.code };
  },
  judge(o) {
    if (o.starttlsRefused) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}; STARTTLS → ${o.starttlsRefused}: no handshake for the transaction to cross` };
    if (o.rcptCode === undefined) return { outcome: 'na', actual: `MAIL before TLS → ${o.preTlsMail}: no pre-TLS transaction to carry over` };
    const actual = `MAIL before TLS → ${o.preTlsMail}; RCPT inside TLS → ${o.rcpt}`;
    return o.rcptCode >= 400 ? { outcome: 'conforms', actual, seen: `refused with ${o.rcptCode}` } : { outcome: 'violates', actual, seen: 'pre-TLS MAIL FROM kept' };
  },
});

export type AuthObservation = { probe: string; probeCode: number; external?: boolean; auth?: string; authCode?: number; starttlsRefused?: string; mail?: string; mailCode?: number };

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
    if (ctx.target.kind === 'external' || !ctx.credentials) return { ...observation, external: true };
    const auth = await ctx.authPlain(session);
    observation.auth = replyText(auth);
    observation.authCode = auth.code;
    if (auth.code !== 235) return observation;
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { ...observation, starttlsRefused };
    await ehlo(session);
    const mail = await session.command(`MAIL FROM:<${ctx.credentials.user}@example.test>`);
    return { ...observation, mail: replyText(mail), mailCode: mail.code };
  },
  judge(o) {
    if (o.external) return { outcome: 'na', actual: `AUTH before TLS → ${o.probe}; not followed up: it would send real credentials in clear` };
    if (o.starttlsRefused) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth}; STARTTLS → ${o.starttlsRefused}: no handshake for the authentication to cross` };
    if (o.mailCode === undefined) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth ?? o.probe}: no pre-TLS authentication to carry over` };
    const actual = `AUTH before TLS → ${o.auth}; MAIL inside TLS without AUTH → ${o.mail}`;
    return o.mailCode >= 400 ? { outcome: 'conforms', actual, seen: `refused with ${o.mailCode}` } : { outcome: 'violates', actual, seen: 'pre-TLS authentication kept' };
  },
});
