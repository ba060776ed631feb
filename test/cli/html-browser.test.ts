// index.html in headless Chromium (Debian's chromium package, driven by playwright-core; no browser is
// downloaded): it renders with no network, its filters hide and show the right rows, a cell opens its
// drill-down with the wire log, and a hostile server's banner with markup shows as text: no element is
// created and no dialog opens. Skips, saying why, where /usr/bin/chromium is absent (.ci/run installs it).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../reports/html/page.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, type Browser } from '../reports/chromium.ts';
import { HOSTILE_MARKUP, hostileReport } from '../reports/writer-fixtures.ts';
import { loopbackServer, readReport, runCli, tempDir, type LoopbackServer } from './cli-process.ts';

if (!HAVE_CHROMIUM) console.warn(`html-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)`);

const BANNER = `${HOSTILE_MARKUP}<svg onload=alert(4)>`;

/** Plaintext SMTP that puts markup in its greeting and EHLO reply, and accepts AUTH in clear (a finding to drill into). */
function markupServer(): Promise<LoopbackServer> {
  return loopbackServer((socket) => {
    socket.write(`220 mail.example.test ${BANNER} ESMTP\r\n`);
    let buffer = '';
    socket.on('data', (data: Buffer) => {
      buffer += data.toString('latin1');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const verb = (buffer.slice(0, end).split(' ')[0] ?? '').toUpperCase();
        buffer = buffer.slice(end + 2);
        if (verb === 'EHLO') socket.write(`250-mail.example.test ${BANNER}\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n`);
        else if (verb === 'STARTTLS') socket.write(`454 4.7.0 ${BANNER}\r\n`);
        else if (verb === 'AUTH') socket.write(`235 2.7.0 ${BANNER}\r\n`);
        else if (verb === 'QUIT') socket.end(`221 2.0.0 ${BANNER}\r\n`);
        else socket.write(`250 2.0.0 ${BANNER}\r\n`);
      }
    });
  });
}

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'index.html in headless Chromium' : `index.html in headless Chromium: SKIPPED, ${CHROMIUM} not installed`, () => {
  const dir = tempDir();
  let browser: Browser;
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  const visibleRows = (page: Page) => page.locator('tr.case:visible').count();

  it('renders the matrix, filters rows and opens a drill-down', { timeout: 60_000 }, async () => {
    const sample = hostileReport();
    const file = await writeHtmlReport(sample, join(dir, 'fixture'));
    const page = await open(file);

    await expect(page.title()).resolves.toBe('msaspec report: exit code 1');
    expect(await page.locator('table.matrix td.cell a').count()).toBe(sample.results.length);
    expect(await visibleRows(page)).toBe(9);
    await expect(page.locator('#shown').textContent()).resolves.toBe('9 of 9 cases shown');

    // Targets differ on every row but the one both pass and the one NA on both.
    await page.check('#f-differ');
    expect(await visibleRows(page)).toBe(7);
    await expect(page.locator('tr.case:visible >> text=greeting-inside-tls').count()).resolves.toBe(0);
    await page.uncheck('#f-differ');
    await page.check('#f-hide-na');
    expect(await visibleRows(page)).toBe(8);
    await page.check('#f-findings');
    // FAIL, VULNERABLE, WARN, ERROR, XPASS rows (INFO and XFAIL are not findings).
    expect(await visibleRows(page)).toBe(5);
    // A group heading goes with its last visible row: RFC 4954 had INFO and NA rows only.
    expect(await page.locator('tr.group.rfc:visible', { hasText: 'RFC 4954' }).count()).toBe(0);
    await page.uncheck('#f-findings');
    await page.uncheck('#f-hide-na');
    expect(await visibleRows(page)).toBe(9);

    // Drill-down: the injection FAIL of "alpha", with Expected, Actual and the TLS boundary.
    const index = sample.results.findIndex((r) => r.target === 'alpha' && r.caseId === 'injection/1/pipelined-noop');
    expect(await page.locator(`#d-${index}`).isVisible()).toBe(false);
    await page.click(`a[data-detail="d-${index}"]`);
    const detail = page.locator(`#d-${index}`);
    expect(await detail.isVisible()).toBe(true);
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('INJ-1 (MUST)');
    expect(text).toContain('Expected');
    expect(text).toContain('Actual');
    expect(await detail.locator('li.boundary.tls-on').textContent()).toBe('TLS starts here');
    expect(await detail.locator('li.boundary.tls-on:visible').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await detail.isVisible()).toBe(false);

    // Server text in the fixture stayed text here too.
    expect(await page.evaluate(() => [document.images.length, document.scripts.length, document.querySelectorAll('svg, iframe, object, embed').length])).toEqual([0, 1, 0]);
    await page.close();
  });

  it('a hostile banner with markup shows as text: no element, no dialog, nothing fetched', { timeout: 150_000 }, async () => {
    const server = await markupServer();
    const out = join(dir, 'hostile');
    const args = ['run', '--host', '127.0.0.1', '--implicit-port', 'none', '--starttls-port', String(server.port), '--format', 'json,html', '--out', out];
    const result = await runCli(args, { timeoutMs: 100_000 });
    expect(result.timedOut).toBe(false);
    const report = readReport(out);
    // AUTH accepted in clear: a VULNERABLE row whose wire log holds the banner.
    const index = report.results.findIndex((r) => r.caseId === 'rfc4954/4/auth-plain-refused-before-tls' && r.port === '587');
    expect(report.results[index]?.verdict).toBe('FAIL');

    const page = await open(join(out, 'index.html'));
    await page.click(`a[data-detail="d-${index}"]`);
    const wire = page.locator(`#d-${index} ol.wire`);
    expect(await wire.isVisible()).toBe(true);
    const shown = (await wire.textContent()) ?? '';
    expect(shown).toContain(`220 mail.example.test ${BANNER} ESMTP`);
    expect(shown).toContain('</script>');
    expect(await page.locator(`#d-${index} .actual`).textContent()).toContain(HOSTILE_MARKUP);
    // Open every drill-down once: none of them creates an element or a dialog.
    for (let i = 0; i < report.results.length; i += 1) {
      await page.keyboard.press('Escape');
      await page.click(`a[data-detail="d-${i}"]`);
      expect(await page.locator(`#d-${i}`).isVisible()).toBe(true);
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => [document.images.length, document.scripts.length, document.querySelectorAll('svg, iframe, object, embed').length])).toEqual([0, 1, 0]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    expect(browser.requests.every((url) => url.startsWith('file:')), browser.requests.join('\n')).toBe(true);
    await page.close();
  });
});
