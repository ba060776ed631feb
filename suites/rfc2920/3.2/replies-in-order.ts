import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { ehloKeywords, replyText } from '../../../harness/smtp/reply.ts';

type Observation = {
  noCredentials?: boolean;
  noPipelining?: boolean;
  replies: string[];
  codes: number[];
  /** No reply came (timeout) or the connection closed without a 421: input or replies were lost. */
  lost?: string;
  final?: string;
  finalCode?: number;
  finalLost?: string;
};

const GROUP = ['MAIL', 'RCPT', 'RCPT', 'DATA'];

/**
 * The first reply that cannot be the reply to the command in its place, given the replies before it:
 * what a server that answered out of order, or twice, or lost a command would show. A refusal is a
 * reply like any other; 421 ends the session in any place (RFC 5321 §3.8) and nothing follows it.
 */
export function misplacedReply(codes: readonly number[]): string | undefined {
  let mailOk = false;
  for (const [i, code] of codes.entries()) {
    const command = GROUP[i];
    const positive = code >= 200 && code < 300;
    const refusal = code >= 400 && code < 600;
    if (code === 421) return i === codes.length - 1 ? undefined : `replies after a 421 (the reply to ${command})`;
    if (command === 'MAIL') {
      if (!positive && !refusal) return `MAIL answered ${code}`;
      mailOk = positive;
    } else if (command === 'RCPT') {
      // RFC 5321 §4.1.4: with no MAIL accepted, RCPT is out of sequence; a 2xx would answer some other command.
      if (!(refusal || (positive && mailOk))) return `RCPT answered ${code}${mailOk ? '' : ' though MAIL was refused'}`;
    } else if (!(code === 354 || refusal)) return `DATA answered ${code}`;
  }
  return undefined;
}

export const pipelinedRepliesInOrder = defineCase<Observation>({
  id: 'rfc2920/3.2/replies-in-order',
  title: 'With PIPELINING, MAIL, RCPT, RCPT, DATA sent in one write get four replies in order',
  requirements: ['R2920-pipe'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 2920',
    section: '3.2',
    text:
      '“A server SMTP implementation that offers the pipelining extension: (1) MUST respond to commands in the order they are received from the client.” … ' +
      '“(9) MUST NOT flush or otherwise lose the contents of the TCP input buffer under any circumstances whatsoever.”',
  },
  ports: ['implicit', 'starttls'],
  expected: [
    '250, 250, 250, 354 in order, then one reply after the message (250)',
    'one reply per command in its place when the host refuses the sender or a recipient (a refusal is a reply like any other), or a 421 and the end of the session after replies in order (RFC 5321 §3.8)',
  ],
  proof: { flaw: 'pipelining-broken', verdict: 'FAIL', greenOn: ['local-addresses-only', 'refusals-at-rcpt'] },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true, replies: [], codes: [] };
    const { session, ehlo } = await ctx.openAuthenticated();
    if (!ehloKeywords(ehlo).has('PIPELINING')) return { noPipelining: true, replies: [], codes: [] };
    // Two recipients by default; `--rcpt-to` names the one address a live host accepts, given twice.
    const [first, second] = ctx.target.envelope?.rcptTo ? [ctx.recipient, ctx.recipient] : ['first@example.test', 'second@example.test'];
    session.write(`MAIL FROM:<${ctx.sender}>\r\nRCPT TO:<${first}>\r\nRCPT TO:<${second}>\r\nDATA\r\n`);
    const replies: string[] = [];
    const codes: number[] = [];
    const lost = (err: unknown) => (err instanceof HarnessError && (err.code === 'timeout' || err.code === 'closed') ? err.message : undefined);
    for (const command of GROUP) {
      try {
        const reply = await session.readReply(`reply to pipelined ${command}`);
        replies.push(`${command} → ${replyText(reply)}`);
        codes.push(reply.code);
        // RFC 5321 §3.8: after a 421 the server closes; no further reply is due.
        if (reply.code === 421) return { replies, codes };
      } catch (err) {
        const message = lost(err);
        if (message) return { replies, codes, lost: message };
        throw err;
      }
    }
    if (codes[3] !== 354) return { replies, codes };
    session.write(`Subject: msaspec pipelining probe\r\n\r\npipelined\r\n.\r\n`);
    try {
      const final = await session.readReply('reply to end of data');
      return { replies, codes, final: replyText(final), finalCode: final.code };
    } catch (err) {
      const message = lost(err);
      if (message) return { replies, codes, finalLost: message };
      throw err;
    }
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.noPipelining) return { outcome: 'na', actual: 'PIPELINING not advertised inside TLS' };
    const lostText = o.lost ?? o.finalLost;
    const actual = [...o.replies, o.final && `end of data → ${o.final}`, lostText && `then nothing: ${lostText}`].filter(Boolean).join('; ');
    if (o.lost) return { outcome: 'violates', actual, seen: `${o.codes.length} of ${GROUP.length} replies, without a 421` };
    if (o.finalLost) return { outcome: 'violates', actual, seen: 'no reply to the end of data' };
    const misplaced = misplacedReply(o.codes);
    if (misplaced) return { outcome: 'violates', actual, seen: `out of order: ${misplaced}` };
    // Every command got its reply, in its place; what the replies granted is another requirement's matter.
    const ended = o.codes.at(-1) === 421;
    if (ended && o.codes.length < 2) return { outcome: 'na', actual: `${actual}: the server ended the session at the first command, so no order can be seen` };
    const [mail, rcpt1, rcpt2] = o.codes;
    const transaction =
      mail !== undefined && mail >= 400
        ? ': the sender was refused, so only the refusals were pipelined (set --mail-from to an address this account may use to pipeline a whole transaction)'
        : rcpt1 !== undefined && rcpt1 >= 400 && (rcpt2 === undefined || rcpt2 >= 400)
          ? ': every recipient was refused (set --rcpt-to to an address the host accepts to pipeline a whole transaction)'
          : '';
    const seen = `${o.codes.length === GROUP.length ? 'four replies' : `${o.codes.length} replies`} in order${ended ? ', then 421 and the end of the session (RFC 5321 §3.8)' : ''}${transaction ? '; transaction refused' : ''}`;
    return { outcome: 'conforms', actual: `${actual}${transaction}`, seen };
  },
});

export default pipelinedRepliesInOrder;
