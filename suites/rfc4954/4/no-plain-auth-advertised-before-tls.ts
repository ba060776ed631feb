import { defineCase } from '../../../harness/model/case.ts';
import { authMechanisms } from '../../../harness/smtp/reply.ts';

/** What a server that refuses plaintext passwords before TLS still advertises (R4954-4a): RFC 4954 §6, on 538. */
const SOURCE_6 = {
  rfc: 'RFC 4954',
  section: '6',
  text:
    '“Modern implementations SHOULD NOT advertise mechanisms that are not permitted due to lack of encryption, unless an encryption layer of sufficient strength is currently being employed.” ' +
    'Suite policy: LOGIN, which no RFC defines, sends the password as PLAIN does and counts as a plaintext password mechanism.',
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
  proof: { flaw: 'auth-advertised-before-tls', verdict: 'WARN' },
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

export default plaintextMechanismsNotAdvertised;
