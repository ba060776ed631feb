import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { judgeAttempt, PROBE_PASSWORD, PROBE_USER, SOURCE_4, type AttemptObservation } from '../common/auth-before-tls.ts';

export const loginAuthRefusedBeforeTls = defineCase<AttemptObservation>({
  id: 'rfc4954/4/auth-login-refused-before-tls',
  title: 'AUTH LOGIN before TLS is refused before the username is asked for',
  requirements: ['R4954-4x'],
  level: 'MUST NOT',
  category: 'security',
  source: SOURCE_4,
  ports: ['starttls'],
  expected: ['530, 538 or 523 (5.7.10 Encryption Needed; also 502/503/504: AUTH not available) — never 334, 535 or 235'],
  proof: { flaw: 'auth-before-tls', verdict: 'FAIL', greenOn: ['auth-504-before-tls'] },
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const replies: string[] = [];
    const codes: number[] = [];
    let reply = await session.command('AUTH LOGIN');
    replies.push(replyText(reply));
    codes.push(reply.code);
    for (const answer of [PROBE_USER, PROBE_PASSWORD]) {
      if (reply.code !== 334) break;
      reply = await session.command(Buffer.from(answer).toString('base64'), '[probe credentials]');
      replies.push(replyText(reply));
      codes.push(reply.code);
    }
    return { replies, codes };
  },
  judge: judgeAttempt('LOGIN'),
});

export default loginAuthRefusedBeforeTls;
