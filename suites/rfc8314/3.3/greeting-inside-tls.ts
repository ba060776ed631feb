import { defineCase } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { SOURCE_3_3 } from '../common/submissions-port.ts';

type GreetingObservation = { handshake: 'ok'; greeting: string; code: number; protocol: string } | { handshake: 'failed'; reason: string };

export const greetingInsideTls = defineCase<GreetingObservation>({
  id: 'rfc8314/3.3/greeting-inside-tls',
  title: 'TLS handshake comes first and the 220 greeting arrives inside TLS',
  requirements: ['R8314-3.3a'],
  level: 'MUST',
  category: 'conformance',
  source: SOURCE_3_3,
  ports: ['implicit'],
  expected: ['TLS handshake completes immediately, then a 220 greeting inside TLS'],
  proof: { flaw: 'plain-implicit', verdict: 'FAIL', greenOn: ['multiline-greeting', 'greet-pause'] },
  async run(ctx) {
    try {
      const session = await ctx.connect('implicit');
      const greeting = await session.readReply('greeting inside TLS');
      return { handshake: 'ok', greeting: replyText(greeting), code: greeting.code, protocol: session.tls?.protocol ?? '' };
    } catch (err) {
      // A handshake that fails is the finding; a refused connection means we could not test.
      if (err instanceof HarnessError && err.code === 'tls') return { handshake: 'failed', reason: err.message };
      throw err;
    }
  },
  judge(o) {
    if (o.handshake === 'failed') return { outcome: 'violates', actual: `no TLS handshake on the implicit-TLS port: ${o.reason}` };
    if (o.code !== 220) return { outcome: 'violates', actual: `TLS (${o.protocol}) then greeting ${o.greeting}` };
    return { outcome: 'conforms', actual: `TLS (${o.protocol}) then ${o.greeting}` };
  },
});

export default greetingInsideTls;
