import { defineCase, NO_CREDENTIALS, type CaseDefinition } from '../../../harness/model/case.ts';
import { closeRun } from '../../../harness/run/property-check.ts';
import { printable } from '../../../harness/smtp/wire-log.ts';
import { repliesBeforeQuit } from '../../injection/common/injection-probe.ts';
import { CR, LF, showOctets } from '../common/look-alikes.ts';
import { parseReplies, shown } from '../common/smuggling-probe.ts';
import { LINE_TERMINATOR_SOURCE } from '../common/smuggling-source.ts';
import { sideBySide } from '../common/side-by-side.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

interface Probe {
  /** The bare character between the two NOOPs. */
  bare: string;
  replies: string[];
  closed: boolean;
}

type Observation = { noCredentials: true } | { probes: Probe[] };

/** What the server did with "NOOP<bare>NOOP<CRLF>", in a few words, and whether that conforms. */
export function judgeProbe(p: Probe): { conforms: boolean; seen: string; actual: string } {
  const line = `NOOP${showOctets(p.bare)}NOOP<CR><LF>`;
  const replies = p.replies.map((r) => printable(r).slice(0, 100)).join(' + ');
  if (p.replies.length === 0) return { conforms: true, seen: 'closed', actual: `${line}: connection closed without a reply` };
  const first = p.replies[0]!;
  if (/^[45]/.test(first)) return { conforms: true, seen: 'rejected', actual: `${line}: refused (${replies})${p.closed ? ', then a close' : ''}` };
  if (p.replies.length === 1) return { conforms: true, seen: 'kept inside the line', actual: `${line}: one reply, one command (${replies})` };
  return { conforms: false, seen: `${showOctets(p.bare)} taken as a line end`, actual: `${line}: ${p.replies.length} replies, so ${showOctets(p.bare)} ended a command (${replies})` };
}

/**
 * SMUG-3: inside an authenticated session, "NOOP", a bare LF (then a bare CR), "NOOP" and CRLF in one
 * write. A server that takes only CRLF as a line end sees one command line and answers it once (NOOP
 * ignores its argument; a syntax error is as good); one that ends lines at the bare character answers
 * twice. Each on a fresh connection, then QUIT and what comes up to its 221.
 */
export const bareNewlinesNotCommandEnds: CaseDefinition<Observation> = defineCase<Observation>({
  id: 'smuggling/2.3.8/bare-newlines-not-command-ends',
  title: 'A bare LF or CR does not end a command line: "NOOP<LF>NOOP<CR><LF>" is one command, or refused',
  requirements: ['SMUG-3'],
  level: 'MUST NOT',
  category: 'conformance',
  source: LINE_TERMINATOR_SOURCE,
  ports: ['implicit', 'starttls'],
  expected: [
    'one reply to "NOOP<LF>NOOP<CR><LF>" (the bare LF kept inside the line), and the same for a bare CR',
    'or a refusal (500, 550…), with or without a close: the bare character is rejected, not taken as a line end',
  ],
  proof: { flaw: 'bare-lf-commands', verdict: 'FAIL', greenOn: ['bare-newline-rejected', 'bare-newline-closes'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const probes = await sideBySide(ctx, [LF, CR], async (bare, log): Promise<Probe> => {
      const { session } = await ctx.openAuthenticated(ctx.port, { log });
      try {
        const bytes = `NOOP${bare}NOOP\r\n`;
        session.write(bytes, shown(bytes));
        // The first reply (or the close), then QUIT: every reply to a second command comes before its 221.
        const first = await session.quiet(0);
        let text = first.bytes.toString('latin1');
        let closed = first.closed;
        const deadline = Date.now() + ctx.timeouts.replyMs;
        while (!closed && parseReplies(text).length === 0 && Date.now() < deadline) {
          const more = await session.quiet(25);
          text += more.bytes.toString('latin1');
          closed = more.closed;
        }
        if (!closed) text += await repliesBeforeQuit(session, ctx.timeouts.replyMs);
        return { bare, replies: parseReplies(text).map(replyText), closed };
      } finally {
        await closeRun(session);
      }
    });
    return { probes };
  },
  judge(o) {
    if ('noCredentials' in o) return NO_CREDENTIALS;
    const judged = o.probes.map(judgeProbe);
    const actual = judged.map((j) => j.actual).join('; ');
    const seen = judged.map((j) => j.seen).join(', ');
    if (judged.some((j) => !j.conforms)) return { outcome: 'violates', actual, seen };
    return { outcome: 'conforms', actual, seen };
  },
});

export default bareNewlinesNotCommandEnds;
