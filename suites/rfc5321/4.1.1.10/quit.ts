import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { reply: string; code: number; closed: boolean };

export const quitClosesSession = defineCase<Observation>({
  id: 'rfc5321/4.1.1.10/quit',
  title: 'QUIT is answered 221 and the server closes the connection',
  requirements: ['R5321-quit'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 5321',
    section: '4.1.1.10',
    text: '“This command specifies that the receiver MUST send a "221 OK" reply, and then close the transmission channel.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['221, then the server closes the connection'],
  proof: { flaw: 'quit-no-close', verdict: 'FAIL', greenOn: ['split-221'] },
  async run(ctx) {
    const { session } = await ctx.openSecure();
    const reply = await session.command('QUIT');
    const { closed } = await session.quiet(ctx.timeouts.replyMs);
    return { reply: replyText(reply), code: reply.code, closed };
  },
  judge(o) {
    const actual = `QUIT → ${o.reply}; connection ${o.closed ? 'closed by the server' : 'still open'}`;
    return { outcome: o.code === 221 && o.closed ? 'conforms' : 'violates', actual };
  },
});

export default quitClosesSession;
