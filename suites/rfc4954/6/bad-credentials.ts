import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { authMechanisms, replyText } from '../../../harness/smtp/reply.ts';

type BadCredentialsObservation = { noCredentials?: boolean; notOffered?: string[]; auth?: string; authCode?: number; noop?: string; noopCode?: number; closed?: string };

export const badCredentialsRefused = defineCase<BadCredentialsObservation>({
  id: 'rfc4954/6/bad-credentials',
  title: 'Wrong credentials get 535 and the session stays usable',
  requirements: ['R4954-6'],
  level: 'SHOULD',
  category: 'conformance',
  source: {
    rfc: 'RFC 4954',
    section: '4, 9',
    text:
      '§4: “If the server is unable to authenticate the client, it SHOULD reject the AUTH command with a 535 reply unless a more specific error code is appropriate.” ' +
      '§9: “Servers MAY implement a policy whereby the connection is dropped after a number of failed authentication attempts. If they do so, they SHOULD NOT drop the connection until at least 3 attempts to authenticate have failed.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['535 to wrong credentials, then NOOP answered 250'],
  proof: { flaw: 'bad-auth-closes', verdict: 'WARN' },
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const { session, ehlo } = await ctx.openSecure();
    // No PLAIN inside TLS (aiosmtpd on 465): how a refusal is worded says nothing here; the missing
    // mechanism is rfc4954/4/auth-plain-succeeds-after-tls's finding.
    if (!authMechanisms(ehlo).includes('PLAIN')) return { notOffered: authMechanisms(ehlo) };
    // The password is wrong, but the user name is the target's own: it goes only where credentials may.
    ctx.mayCarryCredentials(session);
    const wrong = Buffer.from(`\0${ctx.credentials.user}\0msaspec-wrong-password`).toString('base64');
    const auth = await session.command(`AUTH PLAIN ${wrong}`, 'AUTH PLAIN [wrong credentials]');
    try {
      const noop = await session.command('NOOP');
      return { auth: replyText(auth), authCode: auth.code, noop: replyText(noop), noopCode: noop.code };
    } catch (err) {
      if (err instanceof HarnessError && err.code === 'closed') return { auth: replyText(auth), authCode: auth.code, closed: err.message };
      throw err;
    }
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    if (o.notOffered) return { outcome: 'na', actual: `AUTH PLAIN not offered inside TLS (AUTH ${o.notOffered.join(' ') || 'none'})` };
    const actual = `wrong credentials → ${o.auth}; NOOP → ${o.noop ?? o.closed}`;
    if (o.authCode === 235) return { outcome: 'violates', actual, seen: 'wrong credentials accepted' };
    if (o.authCode !== 535) return { outcome: 'violates', actual, seen: `answered ${o.authCode}, not 535` };
    return o.noopCode === 250 ? { outcome: 'conforms', actual } : { outcome: 'violates', actual, seen: 'session unusable after a failed AUTH' };
  },
});

export default badCredentialsRefused;
