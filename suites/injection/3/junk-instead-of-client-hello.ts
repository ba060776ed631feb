import fc from 'fast-check';
import { defineCase, type Judgement } from '../../../harness/model/case.ts';
import { checkProperty, closeRun, counterexampleOrigin, interruptedText, replayText, tallyText, type PropertyOutcome } from '../../../harness/run/property-check.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';
import { starttlsControl } from '../common/injection-probe.ts';
import { smtpReplyCode, smtpReplyIn } from '../common/smtp-reply-bytes.ts';

/** Bytes sent after the 220 to STARTTLS instead of a ClientHello: an SMTP line or printable junk, always line-terminated. */
export interface JunkInput {
  text: string;
  ending: '\r\n' | '\n';
}

/** What the server sent in a window, and whether it closed the connection. */
type Window = { bytes: string; closed: boolean };

/**
 * `after`: when the server answered the junk with a plaintext refusal and kept the connection open,
 * what a NOOP sent next in clear got: a reply means the session went on in clear.
 */
type RunObservation = { stage: 'refused'; reply: string } | ({ stage: 'after-junk'; after?: Window } & Window);
type Observation = PropertyOutcome<RunObservation>;

/** Long enough for a conforming server to decide; a TLS stack needs 5 octets for a record header. */
const JUNK_WINDOW_MS = 300;

/** SMTP lines a server that falls back to plaintext would answer. */
export const JUNK_COMMANDS = ['NOOP', 'EHLO junk.msaspec.test', 'RSET', 'HELP', 'MAIL FROM:<probe@example.test>', 'QUIT'] as const;
export const JUNK_ENDINGS: readonly JunkInput['ending'][] = ['\r\n', '\n'];

const junk: fc.Arbitrary<JunkInput> = fc.record({
  text: fc.oneof(fc.constantFrom(...JUNK_COMMANDS), fc.string({ minLength: 5, maxLength: 120 })),
  ending: fc.constantFrom(...JUNK_ENDINGS),
});

/**
 * The systematic core, run first on every seed: every SMTP line × every ending (12 runs), the CRLF
 * NOOP first (the classic probe). The random runs then add printable junk.
 */
export function junkCore(): JunkInput[] {
  return JUNK_ENDINGS.flatMap((ending) => JUNK_COMMANDS.map((text) => ({ text, ending })));
}

const shownText = (bytes: string): string => printable(bytes.replace(/\r?\n/g, ' ').trim()).slice(0, 160);

/**
 * INJ-3 is about what the server does with the junk, not about how it words a failure. Executing it
 * (a 2xx/3xx reply) or going on with the session in clear is the finding; refusing it in a plaintext
 * line (chasquid: "554 5.5.0 Error in TLS handshake …") executes nothing, so it is judged by what
 * follows: a close, or silence to a NOOP in clear, conforms; a reply to that NOOP does not.
 */
export function judgeRun(o: RunObservation): { violates: boolean; label: string; text: string } {
  if (o.stage === 'refused') return { violates: false, label: 'STARTTLS refused', text: `STARTTLS refused: ${o.reply}` };
  const shown = shownText(o.bytes);
  const code = smtpReplyCode(o.bytes);
  if (code !== undefined && code < 400) return { violates: true, label: 'plaintext SMTP reply', text: `the junk was answered as an SMTP command, in clear: ${shown}` };
  if (code !== undefined) {
    if (o.closed) return { violates: false, label: 'plaintext refusal, then close', text: `refused in clear (${shown}), then the connection closed` };
    if (o.after && smtpReplyIn(o.after.bytes)) {
      return { violates: true, label: 'session went on in clear', text: `refused in clear (${shown}), then the session went on in clear: NOOP → ${shownText(o.after.bytes)}` };
    }
    if (o.after?.closed) return { violates: false, label: 'plaintext refusal, then close', text: `refused in clear (${shown}); a NOOP in clear then met a close` };
    return { violates: false, label: 'plaintext refusal, then silence', text: `refused in clear (${shown}); a NOOP in clear then got no reply within ${JUNK_WINDOW_MS} ms` };
  }
  const bytes = Buffer.from(o.bytes, 'latin1');
  if (bytes[0] === 21) return { violates: false, label: 'TLS alert', text: `TLS alert${o.closed ? ', then close' : ''}` };
  if (bytes.length > 0) return { violates: false, label: 'non-SMTP bytes', text: `non-SMTP bytes: ${shown}` };
  if (o.closed) return { violates: false, label: 'closed', text: 'connection closed without a reply' };
  return { violates: false, label: 'silence', text: `no bytes within ${JUNK_WINDOW_MS} ms` };
}

function describe(input: JunkInput): string {
  return JSON.stringify(input.text + input.ending);
}

export const junkInsteadOfClientHello = defineCase<Observation>({
  id: 'injection/3/junk-instead-of-client-hello',
  title: 'Bytes that are not a ClientHello after the 220 to STARTTLS end the handshake; no plaintext SMTP reply follows',
  requirements: ['INJ-3'],
  level: 'MUST',
  category: 'security',
  source: {
    // Not RFC 3207 §4's "the client MUST start the TLS negotiation": that binds the client.
    rfc: 'RFC 5246',
    section: '6',
    text:
      '“If a TLS implementation receives an unexpected record type, it MUST send an unexpected_message alert.” After its “220 Ready to start TLS” (RFC 3207 §4) the server is in the TLS handshake, ' +
      'so bytes that are not a ClientHello are such records, never SMTP. Suite policy: the case fails only an SMTP reply in clear; an alert, a close or silence pass.',
  },
  ports: ['starttls'],
  expected: [
    'in every run (the systematic core, then the generated ones): a TLS alert, the connection closed, or silence — the junk is never answered as a command',
    'a refusal in clear (4xx/5xx, e.g. "554 Error in TLS handshake") is allowed when the session then ends: a close, or no reply to a NOOP sent next in clear',
    'the seed and run count are reported, so that the runs can be replayed',
  ],
  proof: { flaw: 'tls-fallback', verdict: 'FAIL', greenOn: ['tls-error-reply'] },
  async run(ctx) {
    const outcome = await checkProperty<JunkInput, RunObservation>(ctx, {
      arbitrary: junk,
      core: junkCore(),
      defaultRuns: 6,
      async probe(input, log) {
        const { session } = await ctx.openWithEhlo('starttls', { log });
        try {
          const ready = await session.command('STARTTLS');
          if (ready.code !== 220) {
            // Only a 4xx/5xx refuses; any other answer to STARTTLS says nothing.
            if (ready.code < 400) throw new HarnessError(`STARTTLS answered ${ready.code}, neither 220 nor a refusal`, 'malformed');
            return { stage: 'refused', reply: replyText(ready) };
          }
          session.write(input.text + input.ending);
          const window = Math.max(JUNK_WINDOW_MS, ctx.timeouts.quietMs);
          const { bytes, closed } = await session.quiet(window);
          const observation: RunObservation = { stage: 'after-junk', bytes: bytes.toString('latin1'), closed };
          // A refusal in clear with the connection left open: does the session go on in clear?
          if (!closed && (smtpReplyCode(observation.bytes) ?? 0) >= 400) {
            session.write('NOOP\r\n');
            const after = await session.quiet(window);
            observation.after = { bytes: after.bytes.toString('latin1'), closed: after.closed };
          }
          return observation;
        } finally {
          await closeRun(session);
        }
      },
      violates: (o) => judgeRun(o).violates,
      label: (o) => judgeRun(o).label,
      describe,
    });
    // An alert or close after junk says something only if the same server completes a real handshake.
    if (!outcome.failure && outcome.replay.executed !== outcome.tally['STARTTLS refused']) await starttlsControl(ctx, tallyText(outcome.tally));
    return outcome;
  },
  judge(o): Judgement {
    const replay = replayText(o.replay);
    if (o.failure) {
      return {
        outcome: 'violates',
        actual: `${judgeRun(o.failure.observation).text}. ${counterexampleOrigin(o.replay, o.failure)}: ${o.failure.counterexample} instead of a ClientHello. ${replay}`,
        seen: judgeRun(o.failure.observation).label,
        replay: o.replay,
      };
    }
    if (o.tally['STARTTLS refused'] === o.replay.executed) return { outcome: 'na', actual: `STARTTLS refused in every run: nothing to probe. ${replay}`, replay: o.replay };
    return { outcome: 'conforms', actual: `${o.replay.executed} runs, no SMTP reply in clear${interruptedText(o)}: ${tallyText(o.tally)}. ${replay}`, seen: tallyText(o.tally), replay: o.replay };
  },
});

export default junkInsteadOfClientHello;
