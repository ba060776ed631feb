import { defineCase } from '../../harness/model/case.ts';
import { replyText } from '../../harness/smtp/reply.ts';

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
      '“501 Syntax error (no parameters allowed)” Suite policy: RFC 3207 says this without an RFC 2119 keyword; the suite grades MUST.',
  },
  ports: ['starttls'],
  expected: ['501 to "STARTTLS x", then NOOP answered 250 in plaintext'],
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
    if (o.starttls === 220) return { outcome: 'violates', actual: `"STARTTLS x" accepted: ${o.starttlsText}` };
    if (o.starttls !== 501) return { outcome: 'violates', actual: `"STARTTLS x" answered ${o.starttlsText}, not 501` };
    if (o.noop !== 250) return { outcome: 'violates', actual: `501, then plaintext NOOP not answered 250 (${o.noop ?? o.noopError})` };
    return { outcome: 'conforms', actual: `${o.starttlsText}; NOOP then 250 in plaintext` };
  },
});
