// A report for the writer tests: every verdict, two targets that agree on some rows and differ on
// others, a row NA everywhere, and server text that tries markup, script, Markdown, XML and terminal
// tricks in every field a server can reach. Not a test file itself.
import type { CaseResult } from '../../harness/model/result.ts';
import type { WireEntry } from '../../harness/smtp/wire-log.ts';
import type { Report } from '../../reports/report-model.ts';
import { caseResult, report, targetSummary } from './fixtures.ts';

export const HOSTILE_MARKUP = '<img src=x onerror=alert(1)></script><script>alert(2)</script>';
/** Markup, Markdown, an XML CDATA end, entities, control and escape sequences, a lone surrogate, a mention. */
export const HOSTILE =
  `${HOSTILE_MARKUP} & "q" 'a' | *b* _i_ \`c\` [l](javascript:alert(3)) ]]> &amp; @octocat www.evil.example ` +
  `\x1b]0;pwned\x07\x1b[2J\x00\x0b\x7f\x9b\ud800 end`;

export const HOSTILE_TRANSCRIPT: WireEntry[] = [
  { t: 0, dir: '*', tls: false, text: 'connected to 127.0.0.1:32769' },
  { t: 1, dir: 'S', tls: false, text: `220 mail.test ${HOSTILE}` },
  { t: 2, dir: 'C', tls: false, text: 'STARTTLS' },
  { t: 3, dir: 'S', tls: false, text: '220 2.0.0 Ready to start TLS' },
  { t: 4, dir: '*', tls: true, text: 'TLS established: TLSv1.3' },
  { t: 5, dir: 'C', tls: true, text: 'EHLO client.msaspec.test' },
  { t: 6, dir: 'S', tls: true, text: `250-mail.test ${HOSTILE}\n250 8BITMIME` },
  { t: 7, dir: '*', tls: false, text: 'connected to 127.0.0.1:32769' },
  { t: 8, dir: 'S', tls: false, text: '220 again' },
];

const ROWS: Partial<CaseResult>[] = [
  { caseId: 'rfc8314/3.3/greeting-inside-tls', requirements: ['R8314-3.3a'], source: { rfc: 'RFC 8314', section: '3.3', text: 'TLS first' }, port: '465', verdict: 'PASS' },
  { caseId: 'rfc3207/4/starttls-with-parameter', requirements: ['R3207-4a'], source: { rfc: 'RFC 3207', section: '4', text: '501' }, port: '587', verdict: 'FAIL', actual: `220 ${HOSTILE}`, seen: HOSTILE },
  { caseId: 'injection/1/pipelined-noop', requirements: ['INJ-1'], category: 'security', source: { rfc: 'RFC 3207', section: '4.2', text: 'discard' }, port: '587', verdict: 'FAIL', transcript: HOSTILE_TRANSCRIPT },
  { caseId: 'rfc3207/4/starttls-advertised', requirements: ['R3207-4c'], level: 'SHOULD', source: { rfc: 'RFC 3207', section: '2, 3', text: 'advertise' }, port: '587', verdict: 'WARN' },
  { caseId: 'rfc4954/6/bad-credentials', requirements: ['R4954-6'], level: 'SHOULD', source: { rfc: 'RFC 4954', section: '6', text: '535' }, port: '587', verdict: 'INFO' },
  { caseId: 'rfc4954/4/auth-plain-succeeds-after-tls', requirements: ['R4954-ok'], source: { rfc: 'RFC 4954', section: '4', text: '235' }, port: '465', verdict: 'NA', actual: 'no credentials given' },
  { caseId: 'rfc5321/quit/closes', requirements: ['R5321-quit'], source: { rfc: 'RFC 5321', section: '4.1.1.10', text: '221' }, port: '587', verdict: 'ERROR', error: `timed out ${HOSTILE}`, actual: `harness could not conclude: ${HOSTILE}` },
  { caseId: 'rfc6409/4.3/mail-requires-auth', requirements: ['R6409-4.3'], source: { rfc: 'RFC 6409', section: '4.3', text: 'auth' }, port: '587', verdict: 'XFAIL', waiver: `known ${HOSTILE}` },
  { caseId: 'rfc8314/3.3/both-services', requirements: ['R8314-3.3b', 'R8314-3.3a'], level: 'SHOULD', source: { rfc: 'RFC 8314', section: '3.3', text: 'both' }, port: '465+587', verdict: 'XPASS', waiver: 'stale' },
];

/** Two targets: "alpha" with every verdict, "hostile <b>" (a name with markup) PASS everywhere except one NA row. */
export function hostileReport(overrides: Partial<Report> = {}): Report {
  const alpha = ROWS.map((row) => caseResult({ title: `title of ${row.caseId}`, expected: [`expected ${HOSTILE_MARKUP}`, 'or this'], actual: 'as expected', ...row, target: 'alpha' }));
  const beta = ROWS.map((row) =>
    caseResult({ ...row, title: `title of ${row.caseId}`, expected: ['expected'], actual: 'ok', error: undefined, seen: undefined, waiver: undefined, target: 'hostile <b>', verdict: row.verdict === 'NA' ? 'NA' : 'PASS' }),
  );
  return report([...alpha, ...beta], {
    targets: [
      targetSummary({ name: 'alpha', facts: { imageId: 'sha256:abc', packages: `postfix 3.7.11 ${HOSTILE}` } }),
      targetSummary({ name: 'hostile <b>', kind: 'external', host: HOSTILE_MARKUP, waivers: [{ pattern: 'rfc6409/', reason: HOSTILE }] }),
    ],
    runErrors: [`engine said ${HOSTILE}`],
    ...overrides,
  });
}
