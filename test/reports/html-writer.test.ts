// index.html as text: self-contained (nothing fetched at view time), a CSP that admits only the page's
// own style and script, every server string escaped, one drill-down per result. The browser test
// (test/cli/html-browser.test.ts) proves the same page in Chromium.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HTML_SCRIPT } from '../../reports/html/script.ts';
import { HTML_STYLE } from '../../reports/html/style.ts';
import { renderHtml } from '../../reports/html/page.ts';
import { caseResult, report } from './fixtures.ts';
import { HOSTILE_MARKUP, hostileReport } from './writer-fixtures.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('HTML report', () => {
  const html = renderHtml(hostileReport());

  it('loads nothing: no external URL, no src attribute, no link or import', () => {
    expect(html).not.toMatch(/\b(src|href)="(?!#)/i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('admits only its own inline style and script through the Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBe(`default-src 'none'; style-src ${sha(HTML_STYLE)}; script-src ${sha(HTML_SCRIPT)}; base-uri 'none'; form-action 'none'`);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain(`<script>${HTML_SCRIPT}</script>`);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
  });

  it('escapes every server string: markup shows as text, no control character survives', () => {
    expect(html).not.toContain(HOSTILE_MARKUP);
    expect(html).not.toMatch(/<img|<\/script><script>|hostile <b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('hostile &lt;b&gt;');
    expect(html).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    // Only the page's own script element, at the end.
    expect(html.indexOf('<script>')).toBe(html.lastIndexOf('<script>'));
  });

  it('has one drill-down per result and one matrix cell linking to each', () => {
    const results = hostileReport().results;
    for (let i = 0; i < results.length; i += 1) {
      expect(html).toContain(`<article class="detail" id="d-${i}"`);
      expect(html).toContain(`href="#d-${i}" data-detail="d-${i}"`);
    }
  });

  it('marks where TLS starts in the wire log, and where a new plaintext connection begins', () => {
    const noop = hostileReport().results.findIndex((r) => r.caseId === 'injection/1/pipelined-noop');
    const detail = html.slice(html.indexOf(`id="d-${noop}"`), html.indexOf('</article>', html.indexOf(`id="d-${noop}"`)));
    const order = ['S:</span> 220 2.0.0 Ready', 'TLS starts here', '*</span> TLS established', 'no TLS from here', '220 again'].map((s) => detail.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('groups rows by RFC, section and requirement, and marks rows for the filters', () => {
    // Two targets × 465 and 587, and the case column: the whole-target rows span a target's two columns.
    expect(html).toMatch(/<tr class="group rfc" data-group="g\d+"><th colspan="5" scope="rowgroup"><span class="pin">RFC 3207<\/span><\/th><\/tr>/);
    expect(html).toContain('RFC 3207 §4.2</span></th>');
    expect(html).toMatch(/<td class="cell v-XPASS" colspan="2">/);
    expect(html).toMatch(/<b>INJ-1<\/b> <span class="level">MUST<\/span>/);
    // A row where the targets differ, one where they agree, one NA everywhere.
    expect(html).toMatch(/<tr class="case" [^>]*data-differ="1"[^>]*><th scope="row" title="[^"]*"><span class="case-id">injection\/1\/pipelined-noop/);
    expect(html).toMatch(/<tr class="case" [^>]*data-differ="0"[^>]*><th scope="row" title="[^"]*"><span class="case-id">rfc8314\/3.3\/greeting-inside-tls/);
    expect(html).toMatch(/data-all-na="1"[^>]*><th scope="row" title="[^"]*"><span class="case-id">rfc4954\/4\/auth-plain-succeeds-after-tls/);
  });

  it('renders an empty run', () => {
    expect(renderHtml(report([]))).toContain('No results.');
    expect(renderHtml(report([caseResult()]))).toContain('class="matrix"');
  });
});
