import { defineCase } from '../../../harness/model/case.ts';
import { authMechanisms, replyText } from '../../../harness/smtp/reply.ts';

/** What a server that refuses plaintext passwords before TLS still advertises (R4954-4a): RFC 4954 §6, on 538. */
const SOURCE_6 = {
  rfc: 'RFC 4954',
  section: '6',
  text:
    '“Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.” ' +
    'Suite policy: LOGIN, which no RFC defines, sends the password as PLAIN does and counts as a plaintext password mechanism.',
};

/** Whether it accepts them (R4954-4x): RFC 4954 §4 says SHOULD NOT, the suite grades MUST NOT. */
const SOURCE_4 = {
  rfc: 'RFC 4954',
  section: '4',
  text:
    '“Server sites SHOULD NOT use any configuration which permits a plaintext password mechanism without such a protection mechanism against password snooping.” ' +
    'Suite policy: graded MUST NOT, as a security finding: a password sent in clear cannot be taken back. §4 also says: “Note: A server implementation MUST implement a configuration in which it does NOT permit any plaintext password mechanisms, unless either the STARTTLS [SMTP-TLS] command has been negotiated or some other mechanism that protects the session from password snooping has been provided.”',
};

export const plaintextMechanismsNotAdvertised = defineCase<{ mechanisms: string[] }>({
  id: 'rfc4954/4/no-plain-auth-advertised-before-tls',
  title: 'EHLO before TLS advertises neither AUTH PLAIN nor AUTH LOGIN',
  requirements: ['R4954-4a'],
  level: 'SHOULD NOT',
  category: 'security',
  source: SOURCE_6,
  ports: ['starttls'],
  expected: ['no AUTH keyword before TLS, or AUTH without PLAIN and LOGIN'],
  async run(ctx) {
    const { ehlo } = await ctx.openWithEhlo('starttls');
    return { mechanisms: authMechanisms(ehlo) };
  },
  judge({ mechanisms }) {
    const exposed = mechanisms.filter((m) => m === 'PLAIN' || m === 'LOGIN');
    const actual = mechanisms.length ? `AUTH ${mechanisms.join(' ')} advertised before TLS` : 'no AUTH advertised before TLS';
    return { outcome: exposed.length ? 'violates' : 'conforms', actual };
  },
});

type AttemptObservation = { replies: string[]; codes: number[] };

/**
 * The probe sends credentials that are deliberately wrong (user and password of the harness's own,
 * never the target's): a real password must not cross the wire in clear, and a server that checks
 * bogus credentials before TLS (535) shows it evaluates plaintext passwords just as a 235 would.
 */
const PROBE_USER = 'msaspec-probe';
const PROBE_PASSWORD = 'not-the-password';
/**
 * 523 is the reply code of enhanced status 5.7.10 "Encryption Needed" (RFC 5248 registry), meant for
 * cleartext mechanisms before TLS: Dovecot answers it.
 */
const REFUSED_BEFORE_TLS = [530, 538, 523, 502, 503, 504];

function judgeAttempt(mechanism: string) {
  return ({ replies, codes }: AttemptObservation) => {
    const actual = replies.join('; ');
    const last = codes[codes.length - 1] ?? 0;
    if (codes.includes(235)) return { outcome: 'violates' as const, actual, seen: `AUTH ${mechanism} accepted in clear (235)` };
    if (codes.includes(535)) return { outcome: 'violates' as const, actual, seen: `credentials evaluated in clear (535)` };
    if (codes.includes(334)) return { outcome: 'violates' as const, actual, seen: `server asked for credentials in clear (334)` };
    if (REFUSED_BEFORE_TLS.includes(last)) return { outcome: 'conforms' as const, actual, seen: `refused with ${last}` };
    // Any other refusal still asked for and evaluated nothing; 454 (temporary authentication failure) says it tried.
    if (last >= 400 && last !== 454) return { outcome: 'conforms' as const, actual, seen: `refused with ${last}, a code RFC 4954 does not give for this` };
    return { outcome: 'violates' as const, actual, seen: `unexpected ${last}` };
  };
}

export const plainAuthRefusedBeforeTls = defineCase<AttemptObservation>({
  id: 'rfc4954/4/auth-plain-refused-before-tls',
  title: 'AUTH PLAIN before TLS is refused before any credential is evaluated',
  requirements: ['R4954-4x'],
  level: 'MUST NOT',
  category: 'security',
  source: SOURCE_4,
  ports: ['starttls'],
  expected: ['530, 538 or 523 (5.7.10 Encryption Needed; also 502/503/504: AUTH not available) — never 334, 535 or 235'],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const payload = Buffer.from(`\0${PROBE_USER}\0${PROBE_PASSWORD}`).toString('base64');
    const reply = await session.command(`AUTH PLAIN ${payload}`, 'AUTH PLAIN [probe credentials]');
    return { replies: [replyText(reply)], codes: [reply.code] };
  },
  judge: judgeAttempt('PLAIN'),
});

export const loginAuthRefusedBeforeTls = defineCase<AttemptObservation>({
  id: 'rfc4954/4/auth-login-refused-before-tls',
  title: 'AUTH LOGIN before TLS is refused before the username is asked for',
  requirements: ['R4954-4x'],
  level: 'MUST NOT',
  category: 'security',
  source: SOURCE_4,
  ports: ['starttls'],
  expected: ['530, 538 or 523 (5.7.10 Encryption Needed; also 502/503/504: AUTH not available) — never 334, 535 or 235'],
  async run(ctx) {
    const { session } = await ctx.openWithEhlo('starttls');
    const replies: string[] = [];
    const codes: number[] = [];
    let reply = await session.command('AUTH LOGIN');
    replies.push(replyText(reply));
    codes.push(reply.code);
    for (const answer of [PROBE_USER, PROBE_PASSWORD]) {
      if (reply.code !== 334) break;
      reply = await session.command(Buffer.from(answer).toString('base64'), '[probe credentials]');
      replies.push(replyText(reply));
      codes.push(reply.code);
    }
    return { replies, codes };
  },
  judge: judgeAttempt('LOGIN'),
});
