import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type Observation = { starttls: number; starttlsText: string; noop?: number; noopError?: string };

export const starttlsWithParameter = defineCase<Observation>({
  id: 'rfc3207/4/starttls-with-parameter',
  title: 'STARTTLS with a parameter is refused with 501 and the session stays in plaintext',
  requirements: ['R3207-4a'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '4',
    text:
      '“The format for the STARTTLS command is: STARTTLS with no parameters.” “After the client gives the STARTTLS command, the server responds with one of the following reply codes:” … ' +
      '“501 Syntax error (no parameters allowed)” Suite policy: RFC 3207 says this without an RFC 2119 keyword; the suite grades MUST what would upset the session, SHOULD a parameter ignored or a refusal other than 501.',
  },
  ports: ['starttls'],
  expected: [
    '501 to "STARTTLS x", then NOOP answered 250 in plaintext',
    'another 4xx/5xx refusal, then NOOP → 250: a WARN (RFC 3207 §4 lists 501 for this, without an RFC 2119 keyword)',
  ],
  // RFC 3207 §4 puts no RFC 2119 keyword on 501: accepting "STARTTLS x", or Courier's 502, is graded as a SHOULD.
  proof: { flaw: 'starttls-args', verdict: 'WARN', about: ['starttls-parameter-502'] },
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const reply = await session.command('STARTTLS x');
    const observation: Observation = { starttls: reply.code, starttlsText: replyText(reply) };
    if (reply.code === 220) return observation;
    try {
      observation.noop = (await session.command('NOOP')).code;
    } catch (err) {
      observation.noopError = err instanceof Error ? err.message : String(err);
    }
    return observation;
  },
  judge(o) {
    // RFC 3207 §4 lists 220, 501 and 454 as STARTTLS's replies but puts no RFC 2119 keyword on 501 for
    // a parameter: accepting "STARTTLS x", or refusing it with another code, is graded as a SHOULD
    // (suite policy, as RFC 5321 §4.1.1 says servers SHOULD reject RSET, DATA or QUIT with parameters).
    const should = { level: 'SHOULD' as const };
    if (o.starttls === 220) return { outcome: 'violates', actual: `"STARTTLS x" accepted: ${o.starttlsText}`, seen: 'parameter ignored', breaks: should };
    if (o.starttls < 400) return { outcome: 'violates', actual: `"STARTTLS x" answered ${o.starttlsText}: neither 220 nor a refusal` };
    // After a refusal the session goes on in plaintext: a NOOP there gets its 250, as before STARTTLS.
    if (o.noop !== 250) return { outcome: 'violates', actual: `"STARTTLS x" → ${o.starttlsText}, then plaintext NOOP not answered 250 (${o.noop ?? o.noopError})` };
    if (o.starttls !== 501) return { outcome: 'violates', actual: `"STARTTLS x" refused with ${o.starttlsText}, not 501; NOOP then 250 in plaintext`, seen: `refused with ${o.starttls}`, breaks: should };
    return { outcome: 'conforms', actual: `${o.starttlsText}; NOOP then 250 in plaintext` };
  },
});

export default starttlsWithParameter;
