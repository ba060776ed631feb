import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { judgeAttempt, PROBE_PASSWORD, PROBE_USER, SOURCE_4, type AttemptObservation } from '../common/auth-before-tls.ts';

export const plainAuthRefusedBeforeTls = defineCase<AttemptObservation>({
  id: 'rfc4954/4/auth-plain-refused-before-tls',
  title: 'AUTH PLAIN before TLS is refused before any credential is evaluated',
  requirements: ['R4954-4x'],
  level: 'MUST NOT',
  category: 'security',
  source: SOURCE_4,
  ports: ['starttls'],
  expected: ['530, 538 or 523 (5.7.10 Encryption Needed; also 502/503/504: AUTH not available) — never 334, 535 or 235'],
  proof: { flaw: 'auth-before-tls', verdict: 'FAIL', greenOn: ['auth-504-before-tls'] },
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const payload = Buffer.from(`\0${PROBE_USER}\0${PROBE_PASSWORD}`).toString('base64');
    const reply = await session.command(`AUTH PLAIN ${payload}`, 'AUTH PLAIN [probe credentials]');
    return { replies: [replyText(reply)], codes: [reply.code] };
  },
  judge: judgeAttempt('PLAIN'),
});

export default plainAuthRefusedBeforeTls;
