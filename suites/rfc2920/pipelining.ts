import { defineCase, NO_CREDENTIALS } from '../../harness/model/case.ts';
import { HarnessError } from '../../harness/smtp/errors.ts';
import { ehloKeywords, replyText } from '../../harness/smtp/reply.ts';

type Observation = { noCredentials?: boolean; noPipelining?: boolean; replies: string[]; codes: number[]; lost?: string; final?: string; finalCode?: number };

const GROUP = ['MAIL', 'RCPT', 'RCPT', 'DATA'];
const EXPECTED_CODES = [250, 250, 250, 354];

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
  expected: ['250, 250, 250, 354 in order, then 250 after the message'],
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true, replies: [], codes: [] };
    const { session, ehlo } = await ctx.openAuthenticated();
    if (!ehloKeywords(ehlo).has('PIPELINING')) return { noPipelining: true, replies: [], codes: [] };
    const sender = `${ctx.credentials.user}@example.test`;
    session.write(`MAIL FROM:<${sender}>\r\nRCPT TO:<first@example.test>\r\nRCPT TO:<second@example.test>\r\nDATA\r\n`);
    const replies: string[] = [];
    const codes: number[] = [];
    try {
      for (const command of GROUP) {
        const reply = await session.readReply(`reply to pipelined ${command}`);
        replies.push(`${command} → ${replyText(reply)}`);
        codes.push(reply.code);
      }
    } catch (err) {
      if (err instanceof HarnessError && (err.code === 'timeout' || err.code === 'closed')) return { replies, codes, lost: err.message };
      throw err;
    }
    if (codes[3] !== 354) return { replies, codes };
    session.write(`Subject: msaspec pipelining probe\r\n\r\npipelined\r\n.\r\n`);
    const final = await session.readReply('reply to end of data');
    return { replies, codes, final: replyText(final), finalCode: final.code };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.noPipelining) return { outcome: 'na', actual: 'PIPELINING not advertised inside TLS' };
    const actual = [...o.replies, o.final && `end of data → ${o.final}`, o.lost && `then nothing: ${o.lost}`].filter(Boolean).join('; ');
    if (o.lost) return { outcome: 'violates', actual, seen: `${o.codes.length} of ${GROUP.length} replies` };
    const inOrder = EXPECTED_CODES.every((code, i) => o.codes[i] === code) && o.finalCode === 250;
    return { outcome: inOrder ? 'conforms' : 'violates', actual };
  },
});
