import { defineCase, NO_CREDENTIALS, type Judgement } from '../../../harness/model/case.ts';
import { refusesAddress, senderRefused } from '../../../harness/model/envelope.ts';
import { realPasswordInClear } from '../../../harness/model/target.ts';
import { replyText } from '../../../harness/smtp/reply.ts';
import { NOT_IN_CLEAR, PROBE_PLAIN, SOURCE_4_2, upgradeUnlessRefused, type AuthObservation } from '../common/state-reset.ts';

/** The oracle of MAIL inside TLS after a pre-TLS authentication and no new AUTH (auth-forgotten and reset-generated). */
export function judgeAuthKept(auth: string, mail: string, mailCode: number): Judgement {
  const actual = `AUTH before TLS → ${auth}; MAIL inside TLS without AUTH → ${mail}`;
  if (mailCode < 400) return { outcome: 'violates', actual, seen: 'pre-TLS authentication kept' };
  // A sender refused by policy (RFC 6409 §6.1) is refused whether or not the authentication survived.
  if (refusesAddress(mail)) return senderRefused(actual);
  return { outcome: 'conforms', actual, seen: `refused with ${mailCode}` };
}

export const authForgottenAfterTls = defineCase<AuthObservation>({
  id: 'rfc3207/4.2/auth-forgotten',
  title: 'An authentication made before STARTTLS does not survive the handshake',
  requirements: ['R3207-4.2a'],
  level: 'MUST',
  category: 'security',
  source: SOURCE_4_2,
  ports: ['starttls'],
  expected: ['MAIL inside TLS, after a new EHLO and no new AUTH, refused (530)', 'NA when AUTH is refused before TLS, or STARTTLS after it'],
  proof: { flaw: 'keep-auth', verdict: 'FAIL', base: ['auth-before-tls'], greenOn: ['auth-504-before-tls'] },
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    // Probe credentials first: the real password is sent in clear only to a server that evaluates
    // plaintext AUTH anyway, and never to an external host.
    const probe = await session.command(`AUTH PLAIN ${PROBE_PLAIN}`, 'AUTH PLAIN [probe credentials]');
    const observation: AuthObservation = { probe: replyText(probe), probeCode: probe.code };
    if (probe.code !== 535 && probe.code !== 235) return observation;
    if (!ctx.credentials) return { ...observation, noCredentials: true };
    if (!realPasswordInClear(ctx.target)) return { ...observation, external: true };
    const auth = await ctx.authPlain(session);
    observation.auth = replyText(auth);
    observation.authCode = auth.code;
    if (auth.code !== 235) return observation;
    const starttlsRefused = await upgradeUnlessRefused(session);
    if (starttlsRefused) return { ...observation, starttlsRefused };
    await ctx.ehlo(session);
    const mail = await session.command(`MAIL FROM:<${ctx.sender}>`);
    return { ...observation, mail: replyText(mail), mailCode: mail.code };
  },
  judge(o) {
    if (o.noCredentials) return { ...NO_CREDENTIALS, actual: `AUTH before TLS → ${o.probe}; ${NO_CREDENTIALS.actual}` };
    if (o.external) return { outcome: 'na', actual: `AUTH before TLS → ${o.probe}; ${NOT_IN_CLEAR}` };
    if (o.starttlsRefused) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth}; STARTTLS → ${o.starttlsRefused}: no handshake for the authentication to cross` };
    if (o.mailCode === undefined) return { outcome: 'na', actual: `AUTH before TLS → ${o.auth ?? o.probe}: no pre-TLS authentication to carry over` };
    return judgeAuthKept(o.auth ?? '', o.mail ?? '', o.mailCode);
  },
});

export default authForgottenAfterTls;
