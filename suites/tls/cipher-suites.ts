import { defineCase } from '../../harness/model/case.ts';
import { SUITES, type WeakClass } from '../../harness/tls-probe/cipher-suites.ts';
import { probeAll, probeServer } from '../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../harness/tls-probe/summary.ts';
import { VERSION } from '../../harness/tls-probe/wire.ts';

const CLASS_NAMES: Record<WeakClass, string> = { null: 'NULL', anonymous: 'anonymous', export: 'export/DES', rc4: 'RC4' };

/** TLS 1.2 (and below) only, so that a server cannot answer with a TLS 1.3 suite instead. */
const tls12Offer = (suites: number[]) => ({ clientVersion: VERSION.tls12, suites });

type ClassAnswers = Record<WeakClass, ProbeSummary>;

export const weakSuitesRefused = defineCase<ClassAnswers>({
  id: 'tls/suites/weak-refused',
  title: 'NULL, anonymous, export and RC4 suites are not negotiated',
  requirements: ['T-WEAK'],
  level: 'MUST NOT',
  category: 'tls',
  source: {
    rfc: 'RFC 9325',
    section: '4.1',
    text:
      'Implementations MUST NOT negotiate the cipher suites with NULL encryption. Implementations MUST NOT negotiate RC4 cipher suites. ' +
      'Implementations MUST NOT negotiate cipher suites offering less than 112 bits of security, including so-called "export-level" encryption. ' +
      '(Anonymous suites, RFC 5246 Appendix A.5: "These cipher suites MUST NOT be used by TLS 1.2 implementations unless the application layer has specifically requested to allow anonymous key exchange.")',
  },
  ports: ['implicit', 'starttls'],
  expected: ['each class offered alone (NULL, anonymous, export/DES, RC4) is refused'],
  async run(ctx) {
    const answers = await probeAll(ctx, {
      null: tls12Offer(SUITES.weak('null')),
      anonymous: tls12Offer(SUITES.weak('anonymous')),
      export: tls12Offer(SUITES.weak('export')),
      rc4: tls12Offer(SUITES.weak('rc4')),
    });
    return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, summarize(v)])) as ClassAnswers;
  },
  judge(o) {
    const classes = Object.keys(CLASS_NAMES) as WeakClass[];
    // How each refusal came (an alert, a close, or an SMTP reply in clear) is part of what was seen.
    const actual = classes.map((c) => `${CLASS_NAMES[c]}: ${o[c].answer === 'refused' ? o[c].text : `negotiated ${o[c].text}`}`).join('; ');
    const negotiated = classes.filter((c) => o[c].answer === 'negotiated');
    return negotiated.length ? { outcome: 'violates', actual } : { outcome: 'conforms', actual };
  },
});

type Single = { answer: ProbeSummary };

export const tripleDesRefused = defineCase<Single>({
  id: 'tls/suites/3des-refused',
  title: '3DES suites are not negotiated',
  requirements: ['T-3DES'],
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '4.1', text: 'Implementations SHOULD NOT negotiate cipher suites that use algorithms offering less than 128 bits of security. (3DES: 112 bits.)' },
  ports: ['implicit', 'starttls'],
  expected: ['a ClientHello offering only 3DES suites is refused'],
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, tls12Offer(SUITES.tripleDes))) }),
  judge: (o) => (o.answer.answer === 'refused' ? { outcome: 'conforms', actual: `3DES only: ${o.answer.text}` } : { outcome: 'violates', actual: `3DES negotiated: ${o.answer.text}` }),
});

export const staticRsaRefused = defineCase<Single>({
  id: 'tls/suites/forward-secrecy',
  title: 'Static RSA key transport is not negotiated (forward secrecy only)',
  requirements: ['T-FS'],
  level: 'SHOULD NOT',
  category: 'tls',
  source: { rfc: 'RFC 9325', section: '4.1', text: 'Implementations SHOULD NOT negotiate cipher suites based on RSA key transport, a.k.a. "static RSA".' },
  ports: ['implicit', 'starttls'],
  expected: ['a ClientHello offering only TLS_RSA_WITH_* suites is refused'],
  run: async (ctx) => ({ answer: summarize(await probeServer(ctx, tls12Offer(SUITES.staticRsa))) }),
  judge: (o) =>
    o.answer.answer === 'refused' ? { outcome: 'conforms', actual: `static RSA only: ${o.answer.text}` } : { outcome: 'violates', actual: `static RSA key transport negotiated: ${o.answer.text}` },
});
