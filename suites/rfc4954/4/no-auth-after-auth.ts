import { defineCase, NO_CREDENTIALS } from '../../../harness/model/case.ts';
import { HarnessError } from '../../../harness/smtp/errors.ts';
import { authMechanisms, replyText } from '../../../harness/smtp/reply.ts';

type SecondAuthObservation = { noCredentials?: boolean; again?: string; againCode?: number; inTransaction?: string; inTransactionCode?: number };

export const noAuthAfterAuth = defineCase<SecondAuthObservation>({
  id: 'rfc4954/4/no-auth-after-auth',
  title: 'After a successful AUTH, another AUTH gets 503, also inside a mail transaction',
  requirements: ['R4954-4b'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 4954',
    section: '4',
    text: '“After a successful AUTH command completes, a server MUST reject any further AUTH commands with a 503 reply.” “An AUTH command issued during a mail transaction MUST be rejected with a 503 reply.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['second AUTH → 503', 'AUTH after MAIL → 503'],
  async run(ctx) {
    if (!ctx.credentials) return { noCredentials: true };
    const { session } = await ctx.openAuthenticated();
    const again = await ctx.authPlain(session);
    if (again.code === 334) await session.command('*');
    const mail = await session.command(`MAIL FROM:<${ctx.sender}>`);
    if (mail.code !== 250) return { again: replyText(again), againCode: again.code, inTransaction: `MAIL refused: ${replyText(mail)}` };
    const inTransaction = await ctx.authPlain(session);
    return { again: replyText(again), againCode: again.code, inTransaction: replyText(inTransaction), inTransactionCode: inTransaction.code };
  },
  judge(o) {
    if (o.noCredentials) return NO_CREDENTIALS;
    const actual = `second AUTH → ${o.again}; AUTH during the transaction → ${o.inTransaction}`;
    const ok = o.againCode === 503 && (o.inTransactionCode === undefined || o.inTransactionCode === 503);
    return { outcome: ok ? 'conforms' : 'violates', actual };
  },
});

type CancelObservation = { noCredentials?: boolean; mechanisms: string[]; start?: string; cancel?: string; cancelCode?: number };

export const cancelGets501 = defineCase<CancelObservation>({
  id: 'rfc4954/4/cancel-gets-501',
  title: 'A client that cancels the AUTH exchange with "*" gets 501',
  requirements: ['R4954-4c'],
  level: 'MUST',
  category: 'conformance',
  source: {
    rfc: 'RFC 4954',
    section: '4',
    text: '“If the client wishes to cancel the authentication exchange, it issues a line with a single "*". If the server receives such a response, it MUST reject the AUTH command by sending a 501 reply.”',
  },
  ports: ['implicit', 'starttls'],
  expected: ['334 challenge, then "*" answered 501'],
  async run(ctx) {
    const { session, ehlo } = await ctx.openSecure();
    const mechanisms = authMechanisms(ehlo);
    const mechanism = mechanisms.includes('LOGIN') ? 'LOGIN' : mechanisms.includes('PLAIN') ? 'PLAIN' : undefined;
    if (!mechanism) return { mechanisms };
    // No credentials are sent: LOGIN asks for the user first, PLAIN without an initial response asks for it.
    const start = await session.command(`AUTH ${mechanism}`);
    if (start.code !== 334) return { mechanisms, start: replyText(start) };
    const cancel = await session.command('*');
    return { mechanisms, start: replyText(start), cancel: replyText(cancel), cancelCode: cancel.code };
  },
  judge(o) {
    if (o.start === undefined) return { outcome: 'na', actual: `neither AUTH LOGIN nor PLAIN offered inside TLS (AUTH ${o.mechanisms.join(' ') || 'none'})` };
    if (o.cancel === undefined) return { outcome: 'violates', actual: `AUTH without an initial response → ${o.start}, not a 334 challenge` };
    const actual = `AUTH → ${o.start}; "*" → ${o.cancel}`;
    return { outcome: o.cancelCode === 501 ? 'conforms' : 'violates', actual };
  },
});

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
