import { defineCase } from '../../../harness/model/case.ts';
import { replyText } from '../../../harness/smtp/reply.ts';

type SecondObservation = { code: number; text: string; closed?: boolean };

export const secondStarttlsRefused = defineCase<SecondObservation>({
  id: 'rfc3207/4.2/second-starttls-refused',
  title: 'STARTTLS inside TLS is refused: no 220, no second handshake',
  requirements: ['R3207-4.2d'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 3207',
    section: '4.2',
    text:
      '“Both the client and the server MUST know if there is a TLS session active.” “A client MUST NOT attempt to start a TLS session if a TLS session is already active.” ' +
      'Suite policy: RFC 3207 gives the server no reply for a STARTTLS inside TLS; the suite reads its MUST know as never offering a second negotiation, so the command is refused.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['STARTTLS inside TLS refused with 4xx or 5xx (Postfix: 554 "TLS already active"; 503 and 502 also seen; sendmail and aiosmtpd: 454 "TLS not available", which RFC 3207 §4 lists among STARTTLS\'s replies)'],
  // sendmail's 454 and Exim's 554 refuse as much as any other 4xx or 5xx.
  proof: { flaw: 'starttls-after-tls', verdict: 'FAIL', greenOn: ['second-starttls-454', 'security-stance-554'] },
  async run(ctx) {
    const { session } = await ctx.openSecure();
    const reply = await session.command('STARTTLS');
    return { code: reply.code, text: replyText(reply) };
  },
  judge(o) {
    const actual = `STARTTLS inside TLS → ${o.text}`;
    if (o.code === 220) return { outcome: 'violates', actual, seen: 'a second TLS negotiation offered' };
    // RFC 3207 §4 lists 454 ("TLS not available due to temporary reason") among the replies to
    // STARTTLS: a temporary refusal refuses as much as a permanent one. Only 220 starts a negotiation.
    return o.code >= 400 ? { outcome: 'conforms', actual, seen: `refused with ${o.code}` } : { outcome: 'violates', actual, seen: `answered ${o.code}, neither a refusal nor a reply RFC 3207 §4 lists` };
  },
});

export default secondStarttlsRefused;
