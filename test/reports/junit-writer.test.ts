// junit.xml: valid against reports/schema/junit.xsd (xmllint, Debian libxml2-utils), one testsuite per
// target × port, one testcase per row, and each verdict mapped as documented in the writer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJunit, writeJunitReport } from '../../reports/junit-writer.ts';
import { caseResult, report } from './fixtures.ts';
import { hasXmllint, xsdErrors } from './validators.ts';
import { HOSTILE_MARKUP, hostileReport } from './writer-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'msaspec-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The testcase element of one case in one suite, as text. */
function testcaseXml(xml: string, suite: string, caseId: string): string {
  const start = xml.indexOf(`<testsuite name="${suite}"`);
  const at = xml.indexOf(`<testcase name="${caseId}"`, start);
  expect(at, `${caseId} in ${suite}`).toBeGreaterThan(start);
  return xml.slice(at, xml.indexOf('</testcase>', at));
}

describe('JUnit XML', () => {
  const XMLLINT = hasXmllint();
  it.skipIf(!XMLLINT)('is valid against junit.xsd, hostile text included (needs xmllint: apt-get install libxml2-utils)', async () => {
    for (const [name, sample] of [
      ['hostile', hostileReport()],
      ['strict', hostileReport({ options: { strict: true, only: [], exclude: [], caseTimeoutMs: 1 } })],
      ['empty', report([])],
    ] as const) {
      const file = await writeJunitReport(sample, join(dir, name));
      expect(xsdErrors(file), name).toBeUndefined();
    }
  });

  it.skipIf(!XMLLINT)('the XSD is strict: it refuses an element and an attribute it does not know', async () => {
    const { writeFileSync } = await import('node:fs');
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, renderJunit(report([caseResult()])).replace('<properties>', '<bogus/><properties>'));
    expect(xsdErrors(bad)).toMatch(/bogus/);
    writeFileSync(bad, renderJunit(report([caseResult()])).replace('<testcase ', '<testcase bogus="1" '));
    expect(xsdErrors(bad)).toMatch(/bogus/);
  });

  it('one testsuite per target × port with tallies that match its testcases', () => {
    const xml = renderJunit(hostileReport());
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g)];
    expect(suites.map((m) => m[1])).toEqual([
      'alpha port 465',
      'alpha port 587',
      'alpha port 465+587',
      'hostile &lt;b&gt; port 465',
      'hostile &lt;b&gt; port 587',
      'hostile &lt;b&gt; port 465+587',
    ]);
    expect(suites.reduce((n, m) => n + Number(m[2]), 0)).toBe(hostileReport().results.length);
    expect(xml.match(/<testcase /g)).toHaveLength(hostileReport().results.length);
    const total = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/.exec(xml);
    // alpha: FAIL ×2 + XPASS fail; ERROR; NA + XFAIL skipped. beta: one NA.
    expect(total?.slice(1).map(Number)).toEqual([18, 3, 1, 3]);
  });

  it('maps verdicts: FAIL/XPASS failure, ERROR error, NA/XFAIL skipped, WARN and INFO pass with system-out', () => {
    const xml = renderJunit(hostileReport());
    expect(testcaseXml(xml, 'alpha port 465', 'rfc8314/3.3/greeting-inside-tls')).not.toMatch(/<failure|<error|<skipped|<system-out/);
    expect(testcaseXml(xml, 'alpha port 587', 'rfc3207/4/starttls-with-parameter')).toMatch(/<failure message="FAIL: 220 [^"]*" type="FAIL">/);
    expect(testcaseXml(xml, 'alpha port 587', 'injection/1/pipelined-noop')).toMatch(/<failure message="VULNERABLE: /);
    expect(testcaseXml(xml, 'alpha port 465+587', 'rfc8314/3.3/both-services')).toMatch(/<failure message="waived case passed, the waiver is stale: stale" type="XPASS">/);
    expect(testcaseXml(xml, 'alpha port 587', 'rfc5321/quit/closes')).toMatch(/<error message="timed out [^"]*" type="ERROR">/);
    expect(testcaseXml(xml, 'alpha port 465', 'rfc4954/4/auth-plain-succeeds-after-tls')).toMatch(/<skipped message="not applicable: no credentials given"\/>/);
    expect(testcaseXml(xml, 'alpha port 587', 'rfc6409/4.3/mail-requires-auth')).toMatch(/<skipped message="expected failure, waived: known /);
    const warn = testcaseXml(xml, 'alpha port 587', 'rfc3207/4/starttls-advertised');
    expect(warn).toMatch(/<system-out>WARN: a SHOULD-level requirement is missed\n/);
    expect(warn).not.toMatch(/<failure/);
    expect(testcaseXml(xml, 'alpha port 587', 'rfc4954/6/bad-credentials')).toMatch(/<system-out>INFO: /);
  });

  it('under --strict a WARN is a failure, as it fails the run', () => {
    const xml = renderJunit(hostileReport({ options: { strict: true, only: [], exclude: [], caseTimeoutMs: 1 } }));
    expect(testcaseXml(xml, 'alpha port 587', 'rfc3207/4/starttls-advertised')).toMatch(/<failure message="WARN \(strict\): [^"]*" type="WARN">/);
  });

  it('carries requirement IDs and the verdict as testcase properties', () => {
    const both = testcaseXml(renderJunit(hostileReport()), 'alpha port 465+587', 'rfc8314/3.3/both-services');
    expect(both).toContain('<property name="requirement" value="R8314-3.3b"/>');
    expect(both).toContain('<property name="requirement" value="R8314-3.3a"/>');
    expect(both).toContain('<property name="verdict" value="XPASS"/>');
    expect(both).toContain('<property name="level" value="SHOULD"/>');
  });

  it('escapes server text: no markup, no raw control character, no CDATA end, and the evidence is kept', () => {
    const xml = renderJunit(hostileReport());
    expect(xml).not.toContain(HOSTILE_MARKUP);
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain(']]>');
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]/);
    expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
    // The transcript in the failure text, TLS marker included.
    expect(testcaseXml(xml, 'alpha port 587', 'injection/1/pipelined-noop')).toMatch(/--- TLS ---\n\s+\* TLS established/);
  });
});
