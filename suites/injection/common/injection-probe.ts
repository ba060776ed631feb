import type { Judgement } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';

/** What one STARTTLS with injected plaintext led to (INJ-1, INJ-2 in suites/requirements.ts). */
export type InjectionObservation =
  | { stage: 'refused'; reply: string }
  | { stage: 'closed'; when: string }
  | { stage: 'handshake-aborted'; reason: string; plaintextAfterReady: string }
  | { stage: 'unsolicited'; bytes: string }
  | { stage: 'answered'; replies: string[] };

/**
 * One socket.write of the probe. The writes before the 220 leave corked, in one segment, so they reach
 * the server in the read that has the STARTTLS line; `afterReady` ones wait for the 220, so they
 * reach it in a later read, still before the ClientHello. Both are deterministic, so a seed replays.
 */
export interface InjectionWrite {
  bytes: string;
  /** What the transcript shows instead of `bytes` (secrets). */
  display?: string;
  afterReady: boolean;
}

export interface QuietWindows {
  /** Silence awaited right after the handshake, before the client sends anything. */
  earlyMs: number;
  /**
   * Bound on the wait for the reply to QUIT (the reply timeout): every reply to an injected command
   * comes before it, however slowly the server answers that command (a DNS lookup for EHLO, an
   * authentication backend for AUTH).
   */
  quitMs: number;
}

/**
 * A refusal, close or failed handshake is a safe answer to injected bytes only from a server whose
 * STARTTLS works without them: otherwise it says nothing about the injection, and the case cannot
 * conclude. A fresh connection with a plain EHLO, STARTTLS and handshake is the control.
 */
export async function confirmStarttlsWorks(ctx: CaseContext, observation: InjectionObservation): Promise<InjectionObservation> {
  if (observation.stage === 'refused' || observation.stage === 'handshake-aborted' || observation.stage === 'closed') await starttlsControl(ctx, observation.stage);
  return observation;
}

/** The control itself: throws (the case cannot conclude) when a plain STARTTLS fails too. */
export async function starttlsControl(ctx: CaseContext, what: string): Promise<void> {
  try {
    const { session } = await ctx.openSecure('starttls');
    session.close();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new HarnessError(`STARTTLS fails even without injected bytes (${why}), so "${what}" proves nothing`, 'malformed');
  }
}

/** Closing or failing the handshake is a safe answer to injected bytes (INJ-1). */
export function isSafeAbort(err: unknown): err is HarnessError {
  return err instanceof HarnessError && (err.code === 'tls' || err.code === 'closed');
}

/**
 * On a session that has had its EHLO: the writes (the first starts with "STARTTLS\r\n") back to back,
 * then the 220, the writes meant for after it, the handshake, a quiet window, NOOP, then QUIT and
 * what comes until its 221 or the server's close (within the reply timeout). Anything the server
 * sends inside TLS beyond one reply to NOOP (and the 221 to QUIT) came from the injection.
 */
export async function probeInjection(session: SmtpSession, writes: readonly InjectionWrite[], windows: QuietWindows): Promise<InjectionObservation> {
  const early = writes.filter((w) => !w.afterReady);
  const late = writes.filter((w) => w.afterReady);
  if (early.length > 1) session.log.event(false, `writes 1 to ${early.length} of ${writes.length}, back to back in one segment`);
  session.writeBurst(early.map((w) => ({ raw: w.bytes, ...(w.display !== undefined ? { display: w.display } : {}) })));
  let plaintextAfterReady = '';
  let handshaking = false;
  try {
    const ready = await session.readReply('reply to STARTTLS');
    if (ready.code !== 220) {
      // Only a 4xx/5xx refuses; a 250 or 354 here answers something else, and says nothing.
      if (ready.code < 400) throw new HarnessError(`STARTTLS answered ${ready.code}, neither 220 nor a refusal: ${replyText(ready).slice(0, 120)}`, 'malformed');
      return { stage: 'refused', reply: replyText(ready) };
    }
    if (late.length > 0) {
      session.log.event(false, `writes ${early.length + 1} to ${writes.length}: after the 220, before the ClientHello`);
      session.writeBurst(late.map((w) => ({ raw: w.bytes, ...(w.display !== undefined ? { display: w.display } : {}) })));
    }
    handshaking = true;
    plaintextAfterReady = (await session.startTls()).plaintextAfterReady.toString('latin1');
  } catch (err) {
    if (isSafeAbort(err)) return { stage: 'handshake-aborted', reason: err.message, plaintextAfterReady };
    // A handshake the server never completes nor refuses (aiosmtpd 1.4.3 stalls on a few KiB
    // pipelined after STARTTLS): no TLS session exists, so nothing can run inside one. The control
    // handshake (starttlsControl) then shows that STARTTLS itself works.
    if (handshaking && err instanceof HarnessError && err.code === 'timeout') return { stage: 'handshake-aborted', reason: `handshake stalled: ${err.message}`, plaintextAfterReady };
    throw err;
  }
  const unsolicited = await session.quiet(windows.earlyMs);
  if (unsolicited.bytes.length > 0) return { stage: 'unsolicited', bytes: unsolicited.bytes.toString('latin1') };
  if (unsolicited.closed) return { stage: 'closed', when: 'after the handshake' };
  try {
    const reply = await session.command('NOOP');
    const after = await repliesBeforeQuit(session, windows.quitMs);
    const replies = [replyText(reply)];
    if (after) replies.push(after);
    return { stage: 'answered', replies };
  } catch (err) {
    if (isSafeAbort(err)) return { stage: 'closed', when: 'after the next command' };
    throw err;
  }
}

/** QUIT's reply at the end of what the server sent (RFC 5321 §4.1.1.10: 221, then the close). */
const QUIT_REPLY = /(^|\n)(221-[^\n]*\n)*221([ \r][^\n]*)?\n$/;
/** How often the wait for QUIT's reply looks at what came, for a server that answers 221 and keeps the connection open. */
const QUIT_POLL_MS = 25;

/**
 * What the server sends after its one reply to NOOP, up to its reply to QUIT. A server replies in the
 * order of the commands (RFC 2920) and closes after its 221 to QUIT (RFC 5321 §4.1.1.10), so once the
 * 221 or the close has come, every reply to a command injected before the NOOP has come too, however
 * slow: the wait ends there, bounded by `boundMs` (the reply timeout). The 221 itself is not counted.
 * Without a 221 or a close within the bound, what came is the answer when something came (replies
 * beyond the one to NOOP: the injection at work); when nothing came, the probe cannot conclude.
 */
export async function repliesBeforeQuit(session: SmtpSession, boundMs: number): Promise<string> {
  if (!session.closedByServer) session.send('QUIT');
  const deadline = Date.now() + boundMs;
  let text = '';
  for (;;) {
    const { bytes, closed } = await session.quiet(Math.max(1, Math.min(QUIT_POLL_MS, deadline - Date.now())));
    text += bytes.toString('latin1');
    if (closed || QUIT_REPLY.test(text)) return text.replace(QUIT_REPLY, '$1');
    if (Date.now() >= deadline) break;
  }
  if (text) return text;
  throw new HarnessError(`no reply to QUIT and no close within ${boundMs} ms, so replies to injected commands may still be on their way`, 'timeout');
}

/** Safe: refused, closed, aborted, or exactly one reply to the client's NOOP; anything else is the injection at work. */
export function judgeInjection(o: InjectionObservation): Judgement {
  switch (o.stage) {
    case 'refused':
      return { outcome: 'conforms', actual: `STARTTLS refused: ${o.reply}`, seen: 'refused' };
    case 'closed':
      return { outcome: 'conforms', actual: `connection closed ${o.when}`, seen: 'closed' };
    case 'handshake-aborted': {
      const extra = o.plaintextAfterReady ? ` (server sent in clear after 220: ${printable(o.plaintextAfterReady).slice(0, 120)})` : '';
      return { outcome: 'conforms', actual: `handshake aborted: ${o.reason}${extra}`, seen: 'handshake aborted' };
    }
    case 'unsolicited':
      return { outcome: 'violates', actual: `reply inside TLS before the client sent anything: ${printable(o.bytes).slice(0, 160)}`, seen: 'injected command executed' };
    case 'answered':
      if (o.replies.length > 1) {
        return { outcome: 'violates', actual: `two replies to one NOOP: ${o.replies.map((r) => printable(r)).join(' + ').slice(0, 200)}`, seen: 'injected command executed late' };
      }
      return { outcome: 'conforms', actual: `220, handshake, silence, then one reply to NOOP: ${o.replies[0]}`, seen: 'discarded' };
  }
}

/** The server's bytes inside TLS that an injection produced, when there are any. */
export function injectedReplies(o: InjectionObservation): string {
  if (o.stage === 'unsolicited') return o.bytes;
  if (o.stage === 'answered' && o.replies.length > 1) return o.replies.join('\r\n');
  return '';
}

/** True when a 354 came back inside TLS: the victim's next commands would become the attacker's message text. */
export function dataOpened(o: InjectionObservation): boolean {
  return /(^|\n)354[ -]/.test(injectedReplies(o));
}
