import { describe, expect, it } from 'vitest';
import type { WireEntry } from '../../harness/smtp/wire-log.ts';
import { renderConsoleTree } from '../../reports/console-tree.ts';
import { caseResult, report, targetSummary } from './fixtures.ts';

const HOSTILE = '\x1b]0;pwned\x07\x1b[2J';
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

const failing = caseResult({
  caseId: 'rfc3207/starttls-required-before-auth',
  title: 'AUTH is refused before STARTTLS',
  requirements: ['R-3207-5', 'R-4954-4'],
  verdict: 'FAIL',
  expected: ['530 5.7.0 Must issue a STARTTLS command first', 'AUTH not advertised and refused with 5xx'],
  actual: '235 2.7.0 Authentication successful',
  seen: 'AUTH advertised in plaintext',
});

const vulnerable = caseResult({
  caseId: 'injection/starttls-command-injection',
  title: 'Commands pipelined with STARTTLS are discarded',
  requirements: ['R-3207-INJ'],
  category: 'security',
  verdict: 'FAIL',
  expected: ['no reply to the injected NOOP after the handshake'],
  actual: '250 2.0.0 Ok (reply to the injected NOOP)',
});

const transcript: WireEntry[] = [
  { t: 0, dir: '*', tls: false, text: 'connected to 127.0.0.1:32769' },
  { t: 1, dir: 'S', tls: false, text: '220 mail.test ESMTP' },
  { t: 2, dir: 'C', tls: false, text: 'STARTTLS' },
  { t: 3, dir: 'S', tls: false, text: '220 2.0.0 Ready to start TLS' },
  { t: 4, dir: '*', tls: true, text: 'TLSv1.3 TLS_AES_256_GCM_SHA384' },
  { t: 5, dir: 'C', tls: true, text: 'EHLO msaspec' },
  { t: 6, dir: 'S', tls: true, text: `250 mail.test${HOSTILE}` },
];

function lines(text: string): string[] {
  return text.split('\n');
}

describe('renderConsoleTree', () => {
  it('nests target → port → group → case', () => {
    const out = renderConsoleTree(
      report([
        caseResult({ port: '465', caseId: 'rfc8314/implicit-tls-first', title: 'TLS first' }),
        caseResult(),
        vulnerable,
        caseResult({ port: '465+587', caseId: 'rfc6409/msa-ports', title: 'Both ports' }),
      ]),
      { color: false },
    );
    const rows = lines(out);
    const at = (s: string) => rows.findIndex((l) => l.includes(s));
    expect(rows).toContain('postfix (container 127.0.0.1; implicit :32768, starttls :32769)');
    expect(rows).toContain('  Port 465');
    expect(rows).toContain('  Port 587');
    expect(rows).toContain('  Ports 465+587');
    expect(rows).toContain('    RFC 8314');
    expect(rows).toContain('    RFC 3207');
    expect(rows).toContain('    STARTTLS injection');
    expect(rows).toContain('    RFC 6409');
    expect(at('  Port 465')).toBeLessThan(at('RFC 8314'));
    expect(at('RFC 8314')).toBeLessThan(at('rfc8314/implicit-tls-first'));
    expect(at('  Port 587')).toBeLessThan(at('RFC 3207'));
    expect(out).toContain('      ✔ PASS       rfc3207/starttls-advertised  STARTTLS is advertised on 587 [R-3207-4]');
  });

  it('shows Expected, Actual and Seen under a FAIL', () => {
    const rows = lines(renderConsoleTree(report([failing]), { color: false }));
    const i = rows.findIndex((l) => l.includes('rfc3207/starttls-required-before-auth'));
    expect(rows[i]).toContain('× FAIL ');
    expect(rows[i]).toContain('AUTH is refused before STARTTLS [R-3207-5, R-4954-4]');
    const block = rows.slice(i + 1, i + 7).map((l) => l.trim());
    expect(block).toEqual([
      'RFC 3207 §4: the server advertises STARTTLS in its EHLO reply',
      'Expected:',
      '- 530 5.7.0 Must issue a STARTTLS command first',
      '- AUTH not advertised and refused with 5xx',
      'Actual: 235 2.7.0 Authentication successful',
      'Seen: AUTH advertised in plaintext',
    ]);
  });

  it('labels a security FAIL as VULNERABLE', () => {
    const out = renderConsoleTree(report([vulnerable, failing]), { color: false });
    expect(out).toMatch(/× VULNERABLE injection\/starttls-command-injection/);
    expect(out).toMatch(/× FAIL {7}rfc3207\/starttls-required-before-auth/);
  });

  it('shows the error of an ERROR and the waiver of XFAIL and XPASS, and nothing under a PASS', () => {
    const out = renderConsoleTree(
      report([
        caseResult({ caseId: 'rfc4954/a', verdict: 'ERROR', error: 'timeout waiting for reply to EHLO', actual: '' }),
        caseResult({ caseId: 'rfc4954/b', verdict: 'XFAIL', waiver: 'postfix#123 known' }),
        caseResult({ caseId: 'rfc4954/c', verdict: 'XPASS', waiver: 'exim quirk fixed?' }),
        caseResult({ caseId: 'rfc4954/d', verdict: 'PASS', waiver: 'never shown', transcript }),
      ]),
      { color: false, verbose: true },
    );
    expect(out).toContain('! ERROR      rfc4954/a');
    expect(out).toContain('Error: timeout waiting for reply to EHLO');
    expect(out).not.toContain('Actual: \n');
    expect(out).toContain('⊘ XFAIL      rfc4954/b');
    expect(out).toContain('Waiver: postfix#123 known');
    expect(out).toContain('⊕ XPASS      rfc4954/c');
    expect(out).toContain('Waiver: exim quirk fixed?');
    expect(out).not.toContain('never shown');
    expect(out).not.toContain('Transcript:');
  });

  it('prints the transcript only when verbose, with a marker where TLS begins', () => {
    const sample = report([{ ...failing, transcript }]);
    expect(renderConsoleTree(sample, { color: false })).not.toContain('Transcript:');

    const rows = lines(renderConsoleTree(sample, { color: false, verbose: true })).map((l) => l.trim());
    const i = rows.indexOf('Transcript:');
    expect(rows.slice(i + 1, i + 9)).toEqual([
      '* connected to 127.0.0.1:32769',
      'S: 220 mail.test ESMTP',
      'C: STARTTLS',
      'S: 220 2.0.0 Ready to start TLS',
      '--- TLS ---',
      '* TLSv1.3 TLS_AES_256_GCM_SHA384',
      'C: EHLO msaspec',
      'S: 250 mail.test',
    ]);
  });

  it('strips hostile terminal sequences from actual, error and the transcript', () => {
    const out = renderConsoleTree(
      report([
        { ...failing, actual: `554 go away${HOSTILE}`, seen: `x${HOSTILE}`, transcript },
        caseResult({ caseId: 'rfc4954/e', verdict: 'ERROR', error: `bad reply ${HOSTILE}` }),
      ], { runErrors: [`container died${HOSTILE}`] }),
      { color: false, verbose: true },
    );
    expect(out).toContain('Actual: 554 go away');
    expect(out).toContain('Error: bad reply');
    expect(out).toContain('S: 250 mail.test');
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toContain('pwned');
  });

  it('keeps each transcript line of a multi-line entry on its own prefixed line', () => {
    const out = renderConsoleTree(
      report([{ ...failing, transcript: [{ t: 0, dir: 'S', tls: false, text: '250-a\r\n✔ PASS forged' }] }]),
      { color: false, verbose: true },
    );
    expect(lines(out).map((l) => l.trim())).toContain('S: ✔ PASS forged');
  });

  it('uses ANSI colors only when asked', () => {
    const sample = report([caseResult(), failing]);
    expect(renderConsoleTree(sample, { color: false })).not.toContain('\x1b[');
    const colored = renderConsoleTree(sample, { color: true });
    expect(colored).toContain('\x1b[32m✔ PASS');
    expect(colored).toContain('\x1b[31m× FAIL');
  });

  it('ends with verdict counts, a line per target and the run errors', () => {
    const results = [
      ...Array.from({ length: 11 }, (_, n) => caseResult({ caseId: `rfc3207/c${n}` })),
      failing,
      caseResult({ target: 'exim', verdict: 'WARN' }),
      caseResult({ target: 'exim', verdict: 'NA' }),
    ];
    const out = renderConsoleTree(
      report(results, {
        targets: [targetSummary(), targetSummary({ name: 'exim' }), targetSummary({ name: 'opensmtpd' })],
        runErrors: ['opensmtpd: image build failed'],
      }),
      { color: false },
    );
    expect(out).toContain('Verdicts: 11 PASS, 1 FAIL, 1 WARN, 0 INFO, 1 NA, 0 ERROR, 0 XFAIL, 0 XPASS (14 cases)');
    expect(out).toContain('  postfix: 11 passed, 1 failed\n');
    expect(out).toContain('  exim: 1 warned, 1 not applicable\n');
    expect(out).toContain('  opensmtpd: no results\n');
    expect(out).toContain('opensmtpd (container 127.0.0.1; implicit :32768, starttls :32769)\n  (no results)');
    expect(out).toContain('Run errors:\n  ! opensmtpd: image build failed');
    expect(out).toContain('Exit code: 1');
  });
});
