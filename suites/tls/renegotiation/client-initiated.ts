import { defineCase, type Judgement } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { SmtpSession, type Renegotiation } from '../../../harness/smtp/smtp-session.ts';

export type ClientRenegotiation =
  | { tls12: false; reason: string }
  | {
      tls12: true;
      cipher: string;
      renegotiation: Renegotiation;
      /** The reply to NOOP after a completed renegotiation, or why none came. */
      after?: { code: number; text: string } | { error: string };
    };

/** Tapped, so that a server answering in plaintext inside TLS is reported as that, not as a TLS error. */
const TLS12_ONLY = { tlsVersions: { min: 'TLSv1.2', max: 'TLSv1.2' }, tap: true } as const;

/** A refused or failed TLS 1.2 handshake answers the question "does the server do TLS 1.2"; anything else is the harness's. */
const noTls12 = (err: unknown): err is HarnessError => err instanceof HarnessError && (err.code === 'tls' || err.code === 'closed');

/**
 * EHLO'd inside a TLS 1.2 session (465 from the first byte, 587 after a real STARTTLS), or the reason
 * the TLS 1.2 handshake failed. Refusals before the handshake (STARTTLS not 220) stay harness errors.
 */
async function openTls12(ctx: CaseContext): Promise<SmtpSession | { reason: string }> {
  let session: SmtpSession;
  if (ctx.port === 'implicit') {
    try {
      session = await ctx.connect('implicit', TLS12_ONLY);
    } catch (err) {
      if (noTls12(err)) return { reason: err.message };
      throw err;
    }
    const greeting = await session.readReply('greeting');
    if (greeting.code !== 220) throw new HarnessError(`server greeted with ${greeting.code} instead of 220`, 'malformed');
  } else {
    session = (await ctx.openWithEhlo('starttls', TLS12_ONLY)).session;
    const ready = await session.command('STARTTLS');
    if (ready.code !== 220) throw new HarnessError(`STARTTLS refused with ${ready.code}`, 'tls');
    try {
      await session.startTls();
    } catch (err) {
      if (noTls12(err)) return { reason: err.message };
      throw err;
    }
  }
  await ctx.ehlo(session);
  return session;
}

async function noopAfter(session: SmtpSession): Promise<NonNullable<Extract<ClientRenegotiation, { tls12: true }>['after']>> {
  try {
    const reply = await session.command('NOOP');
    return { code: reply.code, text: replyText(reply).slice(0, 120) };
  } catch (err) {
    if (err instanceof HarnessError) return { error: err.message };
    throw err;
  }
}

export function judgeClientRenegotiation(o: ClientRenegotiation): Judgement {
  if (!o.tls12) return { outcome: 'na', actual: `no TLS 1.2 session to renegotiate: ${o.reason}` };
  const r = o.renegotiation;
  if (r.outcome === 'refused') {
    return { outcome: 'info', seen: r.noRenegotiation ? 'refused: no_renegotiation alert' : 'refused', actual: `refused: client-initiated renegotiation of ${o.cipher} on TLS 1.2: ${r.reason}` };
  }
  if (r.outcome === 'unanswered') {
    return { outcome: 'info', seen: 'unanswered', actual: `not answered: the server neither completed nor refused the renegotiation within ${r.waitedMs} ms` };
  }
  const after = o.after === undefined ? 'no command sent after it' : 'error' in o.after ? `then NOOP got no reply: ${o.after.error}` : `then NOOP answered ${o.after.text}`;
  return { outcome: 'info', seen: 'accepted', actual: `accepted: client-initiated renegotiation completed (${r.protocol} ${r.cipher}); ${after}` };
}

export const clientInitiatedRenegotiation = defineCase<ClientRenegotiation>({
  id: 'tls/renegotiation/client-initiated',
  title: 'Client-initiated renegotiation on TLS 1.2 is recorded',
  requirements: ['T-RENEG'],
  level: 'INFO',
  category: 'tls',
  source: {
    rfc: 'RFC 5746',
    section: '1',
    // Paraphrase of §1; RFC 9325 §3.5 reads "TLS 1.2 clients and servers MUST implement the
    // renegotiation_info extension, as defined in [RFC5746]." and says nothing on accepting a client's renegotiation.
    text: 'Paraphrase: TLS lets either the client or the server start a renegotiation, a new handshake on the existing connection; RFC 5746 binds it to that connection. Whether a server accepts one the client starts is left open, so it is recorded, not graded.',
  },
  ports: ['implicit', 'starttls'],
  expected: [
    'accepted: the renegotiation completes and the session still answers NOOP',
    'refused: a no_renegotiation alert, another alert or error, or a close',
    'NA when the server does not negotiate TLS 1.2',
  ],
  // INFO: no PASS to prove; the recorded behaviour flips from refused to accepted with the switch.
  proof: { flaw: 'client-renegotiation', verdict: 'INFO', actual: { without: /^refused: .*no_renegotiation alert/, with: /^accepted: .*NOOP answered 250/ } },
  async run(ctx) {
    const opened = await openTls12(ctx);
    if (!(opened instanceof SmtpSession)) return { tls12: false, reason: opened.reason };
    const cipher = opened.tls?.cipher ?? 'unknown';
    const renegotiation = await opened.renegotiate();
    if (renegotiation.outcome !== 'completed') return { tls12: true, cipher, renegotiation };
    return { tls12: true, cipher, renegotiation, after: await noopAfter(opened) };
  },
  judge: judgeClientRenegotiation,
});

export default clientInitiatedRenegotiation;
