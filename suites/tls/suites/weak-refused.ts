import { defineCase, type Breach, type Judgement } from '../../../harness/model/case.ts';
import { CIPHER_SUITES, SUITES, weakClasses, type WeakClass } from '../../../harness/tls-probe/cipher-suites.ts';
import { probeAll } from '../../../harness/tls-probe/probe-server.ts';
import { summarize, type ProbeSummary } from '../../../harness/tls-probe/summary.ts';
import { tls12Offer } from '../common/tls12-offers.ts';

const CLASS_NAMES: Record<WeakClass, string> = { null: 'NULL', anonymous: 'anonymous', export: 'export/DES', rc4: 'RC4' };

type ClassAnswers = Record<WeakClass, ProbeSummary>;

/** The classes RFC 9325 §4.1 forbids outright: NULL encryption, RC4, and less than 112 bits (export, single DES). */
const FORBIDDEN_BY_9325: readonly WeakClass[] = ['null', 'rc4', 'export'];

/**
 * Anonymous key exchange is forbidden by another rule, RFC 5246 Appendix A.5, and only "unless the
 * application layer has specifically requested" it: its own finding, graded at A.5's MUST NOT. Suite
 * policy: a submission server authenticates with its certificate (RFC 8314 §4.4) and its clients
 * validate it (§3.3), so no submission client asks for anonymous key exchange, and the exception is
 * not granted. The catalogue has no requirement of its own for A.5 yet: it is T-WEAK's.
 */
const ANONYMOUS_RULE: Breach = { requirements: ['T-ANON'], level: 'MUST NOT' };

/** The weak classes of the suite a probe got (an anonymous suite may also be NULL, RC4 or export); the probed class when the name is unknown. */
function classesOf(probed: WeakClass, answer: ProbeSummary): WeakClass[] {
  const suite = CIPHER_SUITES.find((s) => s.name === answer.suite);
  return suite ? weakClasses(suite) : [probed];
}

export const weakSuitesRefused = defineCase<ClassAnswers>({
  id: 'tls/suites/weak-refused',
  title: 'NULL, anonymous, export and RC4 suites are not negotiated',
  requirements: ['T-WEAK', 'T-ANON'],
  level: 'MUST NOT',
  category: 'tls',
  source: {
    rfc: 'RFC 9325',
    section: '4.1',
    text:
      '“Implementations MUST NOT negotiate the cipher suites with NULL encryption.” “Implementations MUST NOT negotiate RC4 cipher suites.” ' +
      '“Implementations MUST NOT negotiate cipher suites offering less than 112 bits of security, including so-called "export-level" encryption (which provides 40 or 56 bits of security).” ' +
      'Anonymous suites, RFC 5246 Appendix A.5: “These cipher suites MUST NOT be used by TLS 1.2 implementations unless the application layer has specifically requested to allow anonymous key exchange.” ' +
      'Suite policy: a submission server authenticates with its certificate (RFC 8314 §4.4), so that exception is not granted; an anonymous suite is a finding of its own.',
  },
  ports: ['implicit', 'starttls'],
  expected: ['each class offered alone (NULL, anonymous, export/DES, RC4) is refused'],
  proof: { flaw: 'anon-ciphers', verdict: 'FAIL' },
  async run(ctx) {
    const answers = await probeAll(ctx, {
      null: tls12Offer(SUITES.weak('null')),
      anonymous: tls12Offer(SUITES.weak('anonymous')),
      export: tls12Offer(SUITES.weak('export')),
      rc4: tls12Offer(SUITES.weak('rc4')),
    });
    return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, summarize(v)])) as ClassAnswers;
  },
  judge(o): Judgement {
    const classes = Object.keys(CLASS_NAMES) as WeakClass[];
    // How each refusal came (an alert, a close, or an SMTP reply in clear) is part of what was seen.
    const actual = classes.map((c) => `${CLASS_NAMES[c]}: ${o[c].answer === 'refused' ? o[c].text : `negotiated ${o[c].text}`}`).join('; ');
    const negotiated = classes.filter((c) => o[c].answer === 'negotiated');
    if (negotiated.length === 0) return { outcome: 'conforms', actual };
    const forbidden = [...new Set(negotiated.flatMap((c) => classesOf(c, o[c]).filter((k) => FORBIDDEN_BY_9325.includes(k))))];
    const anonymousToo = negotiated.some((c) => classesOf(c, o[c]).every((k) => k === 'anonymous')) ? '; an anonymous suite too (RFC 5246 A.5)' : '';
    if (forbidden.length) return { outcome: 'violates', actual, seen: `${forbidden.map((c) => CLASS_NAMES[c]).join(', ')} negotiated: forbidden by RFC 9325 §4.1${anonymousToo}` };
    return { outcome: 'violates', actual, seen: 'an anonymous suite negotiated: RFC 5246 A.5 (suite policy: no exception on a submission port)', breaks: ANONYMOUS_RULE };
  },
});

export default weakSuitesRefused;
