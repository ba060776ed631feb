import { defineCase } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { greeting?: string; ehlo?: string; ehloInsideTls?: string; malformed?: string };

export const repliesWellFormed = defineCase<Observation>({
  id: 'rfc5321/4.2/replies-well-formed',
  title: 'The 220 greeting and the multi-line EHLO replies are well formed, before and inside TLS',
  requirements: ['R5321-greet'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 5321',
    section: '4.2.1, 3.1',
    text:
      '§4.2.1: “In a multiline reply, the reply code on each of the lines MUST be the same.” “The format for multiline replies requires that every line, except the last, begin with the reply code, followed immediately by a hyphen, "-" (also known as minus), followed by text.” ' +
      '§3.1: “An SMTP session is initiated when a client opens a connection to a server and the server responds with an opening message.” ' +
      'Suite policy: the greeting must be 220; a 554 greeting, which §3.1 allows (MAY) for a server that refuses the session, fails: a submission server that refuses every session offers nothing to check.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['220 greeting; EHLO answered by a well-formed 250 reply (and again inside TLS on 587)'],
  proof: { flaw: 'malformed-ehlo', verdict: 'FAIL', greenOn: ['multiline-greeting'] },
  async run(ctx) {
    const observation: Observation = {};
    try {
      const session = await ctx.connect();
      const greeting = await session.readReply('greeting');
      observation.greeting = replyText(greeting);
      if (greeting.code !== 220) return observation;
      observation.ehlo = replyText(await ctx.ehlo(session)).slice(0, 200);
      if (!session.isTls) {
        const ready = await session.command('STARTTLS');
        if (ready.code === 220) {
          await session.startTls();
          observation.ehloInsideTls = replyText(await ctx.ehlo(session)).slice(0, 200);
        }
      }
    } catch (err) {
      if (!(err instanceof HarnessError && err.code === 'malformed')) throw err;
      observation.malformed = err.message;
    }
    return observation;
  },
  judge(o) {
    const actual = [`greeting: ${o.greeting ?? '(none)'}`, o.ehlo && `EHLO: ${o.ehlo}`, o.ehloInsideTls && `EHLO inside TLS: ${o.ehloInsideTls}`, o.malformed]
      .filter(Boolean)
      .join('; ');
    if (o.malformed) return { outcome: 'violates', actual, seen: 'malformed reply' };
    if (!o.greeting?.startsWith('220')) return { outcome: 'violates', actual, seen: 'greeting is not 220' };
    return { outcome: 'conforms', actual };
  },
});

export default repliesWellFormed;
