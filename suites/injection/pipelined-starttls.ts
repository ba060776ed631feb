import { defineCase, type CaseDefinition } from '../../harness/model/case.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { replyText } from '../../harness/smtp/reply.ts';
import { printable } from '../../harness/smtp/wire-log.ts';

type Observation =
  | { stage: 'refused'; reply: string }
  | { stage: 'closed'; when: string }
  | { stage: 'handshake-aborted'; reason: string; plaintextAfterReady: string }
  | { stage: 'unsolicited'; bytes: string }
  | { stage: 'answered'; replies: string[] };

/** Closing or failing the handshake is a safe answer to injected bytes (REQUIREMENTS.md, INJ-1). */
function isSafeAbort(err: unknown): err is HarnessError {
  return err instanceof HarnessError && (err.code === 'tls' || err.code === 'closed');
}

function pipelinedStarttls(name: string, injected: string): CaseDefinition<Observation> {
  return defineCase<Observation>({
    id: `injection/1/pipelined-${name}`,
    title: `"STARTTLS\\r\\n${injected}\\r\\n" in one write: the ${injected.split(' ')[0]} is never executed inside TLS`,
    requirements: ['INJ-1'],
    level: 'MUST',
    category: 'security',
    source: {
      rfc: 'RFC 3207',
      section: '4.2',
      text: 'After the handshake the server discards any knowledge obtained from the client before TLS; plaintext bytes buffered with STARTTLS must not be processed as commands inside TLS (CVE-2011-0411).',
    },
    ports: ['starttls'],
    expected: [
      'STARTTLS refused (4xx/5xx) because of the extra bytes',
      'connection closed or handshake aborted',
      '220, handshake, nothing unsolicited inside TLS, and exactly one reply to the next command',
    ],
    async run(ctx) {
      const { session } = await ctx.openWithEhlo('starttls');
      session.write(`STARTTLS\r\n${injected}\r\n`);
      let plaintextAfterReady = '';
      try {
        const ready = await session.readReply('reply to STARTTLS');
        if (ready.code !== 220) return { stage: 'refused', reply: replyText(ready) };
        plaintextAfterReady = (await session.startTls()).plaintextAfterReady.toString('latin1');
      } catch (err) {
        if (isSafeAbort(err)) return { stage: 'handshake-aborted', reason: err.message, plaintextAfterReady };
        throw err;
      }
      const early = await session.quiet(ctx.timeouts.quietMs);
      if (early.bytes.length > 0) return { stage: 'unsolicited', bytes: early.bytes.toString('latin1') };
      if (early.closed) return { stage: 'closed', when: 'after the handshake' };
      try {
        const reply = await session.command('NOOP');
        const late = await session.quiet(ctx.timeouts.quietMs);
        const replies = [replyText(reply)];
        if (late.bytes.length > 0) replies.push(late.bytes.toString('latin1'));
        return { stage: 'answered', replies };
      } catch (err) {
        if (isSafeAbort(err)) return { stage: 'closed', when: 'after the next command' };
        throw err;
      }
    },
    judge(o) {
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
    },
  });
}

export const pipelinedNoop = pipelinedStarttls('noop', 'NOOP');
export const pipelinedRset = pipelinedStarttls('rset', 'RSET');
export const pipelinedEhlo = pipelinedStarttls('ehlo', 'EHLO injected.msaspec.test');
