import { defineCase, type CaseDefinition, type CaseProof, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import type { CaseContext } from '../../../harness/run/case-context.ts';
import type { SmtpSession } from '../../../harness/smtp/smtp-session.ts';
import { authMechanisms, replyText, type SmtpReply } from '../../../harness/smtp/reply.ts';

/** `advertised`: AUTH advertised the mechanism inside TLS; `anyAuth`: EHLO advertised AUTH at all. */
type Observation = { offered: string[]; reply?: string; code?: number; noCredentials?: boolean; advertised?: boolean; anyAuth?: boolean };

/**
 * The cases rfc4954/4/auth-plain-succeeds-after-tls and auth-login-succeeds-after-tls, one per mechanism.
 * PLAIN is the mechanism every submission server MUST have inside TLS (RFC 4954 §4, "MUST implement
 * the [PLAIN] SASL mechanism running over TLS"; RFC 6409 §7, AUTH "MUST be supported by the MSA"):
 * its case tries it even when EHLO does not list it, and a server that offers no PLAIN inside TLS,
 * or refuses valid credentials there, fails. LOGIN is optional: not advertised is NA.
 */
export function authSucceeds(mechanism: 'PLAIN' | 'LOGIN', authenticate: (ctx: CaseContext, s: SmtpSession) => Promise<SmtpReply>, proof: CaseProof): CaseDefinition<Observation> {
  const mandatory = mechanism === 'PLAIN';
  return defineCase<Observation>({
    id: `rfc4954/4/auth-${mechanism.toLowerCase()}-succeeds-after-tls`,
    title: `AUTH ${mechanism} with valid credentials succeeds inside TLS`,
    requirements: mandatory ? ['R4954-ok', 'R4954-plain', 'R6409-auth'] : ['R4954-ok'],
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
    expected: [
      `AUTH ${mechanism} advertised inside TLS and valid credentials answered 235`,
      ...(mandatory ? ['PLAIN not advertised inside TLS fails (RFC 4954 §4), unless AUTH PLAIN still answers the valid credentials 235'] : ['LOGIN not advertised: NA (an optional mechanism)']),
    ],
    proof,
    async run(ctx) {
      if (!ctx.credentials) return { offered: [], noCredentials: true };
      const { session, ehlo } = await ctx.openSecure();
      const offered = authMechanisms(ehlo);
      const advertised = offered.includes(mechanism);
      const anyAuth = ehlo.lines.some((line) => /^AUTH(?:[ =]|$)/i.test(line));
      if (!advertised && !mandatory) return { offered, advertised, anyAuth };
      // Inside TLS only, after the certificate verified: sending the real credentials is safe here.
      const reply = await authenticate(ctx, session);
      return { offered, advertised, anyAuth, reply: replyText(reply), code: reply.code };
    },
    judge(o) {
      if (o.noCredentials) return NO_CREDENTIALS;
      const list = `AUTH ${o.offered.join(' ') || '(no AUTH keyword)'}`;
      if (o.code === undefined) return { outcome: 'na', actual: `AUTH ${mechanism} not advertised inside TLS (${list})` };
      if (o.code === 235) return { outcome: 'conforms', actual: `AUTH ${mechanism} → ${o.reply}${o.advertised === false ? ` (not advertised: ${list})` : ''}`, ...(o.advertised === false ? { seen: 'works, not advertised' } : {}) };
      if (!mandatory) return { outcome: 'violates', actual: `AUTH ${mechanism} → ${o.reply}` };
      // Nobody can authenticate here: the MSA's AUTH requirement (RFC 6409 §7) is broken with PLAIN's.
      const broken = o.anyAuth === false || o.advertised === false ? ['R4954-plain', 'R6409-auth'] : ['R4954-ok', 'R6409-auth'];
      const what = o.advertised === false ? `PLAIN not advertised inside TLS (${o.anyAuth === false ? 'no AUTH at all' : list}), and AUTH PLAIN with valid credentials → ${o.reply}` : `AUTH PLAIN with valid credentials → ${o.reply}`;
      return { outcome: 'violates', actual: what, seen: o.advertised === false ? 'no PLAIN inside TLS' : 'valid credentials refused', breaks: { requirements: broken, level: 'MUST' } };
    },
  });
}
