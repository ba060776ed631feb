import { defineCase, type CaseDefinition, NO_CREDENTIALS } from '../../harness/model/case.ts';
import type { CaseContext } from '../../harness/run/case-context.ts';
import type { SmtpSession } from '../../harness/smtp/smtp-session.ts';
import { authMechanisms, replyText, type SmtpReply } from '../../harness/smtp/reply.ts';

type Observation = { offered: string[]; reply?: string; code?: number; noCredentials?: boolean };

function authSucceeds(mechanism: 'PLAIN' | 'LOGIN', authenticate: (ctx: CaseContext, s: SmtpSession) => Promise<SmtpReply>): CaseDefinition<Observation> {
  return defineCase<Observation>({
    id: `rfc4954/4/auth-${mechanism.toLowerCase()}-succeeds-after-tls`,
    title: `AUTH ${mechanism} with valid credentials succeeds inside TLS`,
    requirements: ['R4954-ok'],
    level: 'MUST',
    category: 'conformance',
    source: {
      rfc: 'RFC 4954',
      section: '4',
      text:
        '“Should the client successfully complete the exchange, the SMTP server issues a 235 reply.” ' +
        'Suite policy: RFC 4954 says this without an RFC 2119 keyword; the suite grades MUST that valid credentials are accepted over a mechanism the server advertises inside TLS ' +
        '(for PLAIN, §4: “To ensure interoperability, client and server implementations of this extension MUST implement the [PLAIN] SASL mechanism running over TLS [TLS] [SMTP-TLS].”).',
    },
    ports: ['implicit', 'starttls'],
    expected: [`AUTH ${mechanism} advertised inside TLS and valid credentials answered 235`],
    async run(ctx) {
      if (!ctx.credentials) return { offered: [], noCredentials: true };
      const { session, ehlo } = await ctx.openSecure();
      const offered = authMechanisms(ehlo);
      if (!offered.includes(mechanism)) return { offered };
      const reply = await authenticate(ctx, session);
      return { offered, reply: replyText(reply), code: reply.code };
    },
    judge(o) {
      if (o.noCredentials) return NO_CREDENTIALS;
      if (o.code === undefined) return { outcome: 'na', actual: `AUTH ${mechanism} not advertised inside TLS (AUTH ${o.offered.join(' ') || 'none'})` };
      return { outcome: o.code === 235 ? 'conforms' : 'violates', actual: `AUTH ${mechanism} → ${o.reply}` };
    },
  });
}

export const authPlainSucceeds = authSucceeds('PLAIN', (ctx, s) => ctx.authPlain(s));
export const authLoginSucceeds = authSucceeds('LOGIN', (ctx, s) => ctx.authLogin(s));
