// summary.md for a CI job summary: counts, a table per target, findings with Expected and Actual,
// and server text that cannot inject Markdown, HTML, table cells or lines.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../reports/markdown-writer.ts';
import { markdownText } from '../../reports/markdown-text.ts';
import { caseResult, report } from './fixtures.ts';
import { hostileReport } from './writer-fixtures.ts';

const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length - 2;

describe('Markdown summary', () => {
  const md = renderMarkdown(hostileReport());
  const lines = md.split('\n');

  it('starts with the exit code and the verdict counts', () => {
    expect(lines[0]).toBe('## msaspec 0.1.0: exit code 1');
    const header = lines.findIndex((l) => l === '| PASS | FAIL | WARN | INFO | NA | ERROR | XFAIL | XPASS |');
    expect(lines[header + 2]).toBe('| 9 | 2 | 1 | 1 | 2 | 1 | 1 | 1 |');
  });

  it('has one table row per target with MUST and SHOULD pass counts and security findings', () => {
    const alpha = lines.find((l) => l.startsWith('| alpha |'));
    // alpha: MUST rows PASS, FAIL, FAIL(security), ERROR, XFAIL (NA left out) → 1/5; SHOULD: WARN, INFO, XPASS → 0/3.
    expect(alpha).toBe('| alpha | container | 1/5 | 0/3 | 1 | 2 | 1 | 1 | 1 |');
    const hostile = lines.find((l) => l.startsWith('| hostile &lt;b&gt; |'));
    expect(hostile).toBe('| hostile &lt;b&gt; | external | 5/5 | 3/3 | 0 | 0 | 0 | 0 | 1 |');
  });

  it('lists findings worst first, each with Expected and Actual', () => {
    const findings = lines.filter((l) => /^- \S \*\*/.test(l));
    expect(findings.map((l) => /\*\*(\S+)\*\*/.exec(l)?.[1])).toEqual(['FAIL', 'VULNERABLE', 'XPASS', 'ERROR', 'WARN']);
    const at = lines.findIndex((l) => l.includes('rfc3207/4/starttls\\-with\\-parameter') || l.includes('rfc3207/4/starttls-with-parameter'));
    expect(lines[at + 2]).toMatch(/^ {2}- Expected: expected &lt;img /);
    expect(lines[at + 3]).toMatch(/^ {2}- Actual: 220 &lt;img src=x onerror=alert\\\(1\\\)&gt;/);
    expect(md).toContain('### Run errors');
  });

  it('no server text becomes markup, a link, a mention, a table cell or a new line', () => {
    expect(md).not.toMatch(/<(img|script|b)\b/i);
    expect(md).not.toMatch(/\]\(javascript/);
    expect(md).not.toMatch(/(^|[^\\])@octocat/);
    expect(md).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    for (const line of lines.filter((l) => l.startsWith('| '))) expect(cells(line), line).toBeGreaterThan(0);
    const table = lines.filter((l) => l.startsWith('| alpha') || l.startsWith('| hostile'));
    for (const row of table) expect(cells(row)).toBe(9);
    // Every finding stays on its own lines: the hostile text added no line of its own.
    expect(lines.filter((l) => l.includes('end')).every((l) => l.startsWith('  - ') || l.startsWith('- '))).toBe(true);
  });

  it('escapes Markdown, entities and links in a string', () => {
    expect(markdownText('*a* _b_ `c` [d](e) | <f> & @g http://h www.i.example\nj')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\| &lt;f&gt; &amp; &#64;g http\\://h www\\.i.example j',
    );
  });

  it('says "None." when there is no finding', () => {
    expect(renderMarkdown(report([caseResult()]))).toMatch(/### Findings \(0\)\n\nNone\.\n/);
  });
});
