// index.html as people read it, measured in headless Chromium at 1440×900: the answer (summary and
// matrix) comes first, nothing above the matrix is taller than 700 px, no long text is squeezed into a
// narrow box (the old target cards printed image ids one letter a line), the page grows with rows and
// not with waivers, the matrix keeps its header and case column in view while it scrolls, and the basics
// an accessibility checker looks at hold (labels, header cells with scope, verdict colours at 4.5:1 or
// more in the light and the dark scheme). Run on a `--target all` report (rebuilt from the published
// matrix, published-matrix.ts), on a two-target one and on a comparison of two runs. With
// MSASPEC_SCREENSHOTS=1 it leaves the reports and their screenshots in msaspec-report/screenshots/.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHtmlReport } from '../../reports/html/page.ts';
import { countVerdicts, exitCodeFor } from '../../reports/exit-code.ts';
import { mergeReports } from '../../reports/merge-reports.ts';
import type { Report } from '../../reports/report-model.ts';
import { tempDir } from '../cli/cli-process.ts';
import { CHROMIUM, HAVE_CHROMIUM, launchChromium, type Browser } from './chromium.ts';
import { publishedMatrixReport } from './published-matrix.ts';

const SCREENSHOTS = process.env.MSASPEC_SCREENSHOTS === '1' ? resolve(import.meta.dirname, '../../msaspec-report/screenshots') : undefined;
const VIEWPORT = { width: 1440, height: 900 };
const TWO = ['postfix:hardened', 'haraka:hardened'];

/** What the page measures, from inside it. */
interface Layout {
  matrixTop: number;
  /** Blocks of the page that start above the matrix, with their height. */
  above: { what: string; height: number }[];
  /** Elements whose own text is longer than 24 characters and whose box is narrower than 60 px. */
  squeezed: string[];
}

function measure(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const matrix = document.getElementById('matrix')!;
    const matrixTop = matrix.getBoundingClientRect().top + window.scrollY;
    const blocks = [...document.querySelectorAll('header, main > *')].filter((el) => !el.contains(matrix) && (el as HTMLElement).offsetParent !== null);
    const above = blocks
      .filter((el) => el.getBoundingClientRect().top + window.scrollY < matrixTop)
      .map((el) => ({ what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`, height: el.getBoundingClientRect().height }));
    const squeezed: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (own.length <= 24) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not rendered (a closed drill-down)
      if (box.width < 60) squeezed.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(box.width)} px: ${own.slice(0, 40)}`);
    }
    return { matrixTop, above, squeezed };
  });
}

/** The whole page laid out as printed (no scroll boxes), in px: what a reader scrolls or a printer prints. */
async function fullHeight(page: Page): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.emulateMedia({ media: 'screen' });
  return height;
}

/** WCAG contrast of each verdict's colour against what it is drawn on, for cells, badges and exit codes. */
function contrasts(page: Page): Promise<{ what: string; ratio: number }[]> {
  return page.evaluate(() => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const background = (el: Element | null): number[] => {
      for (let at = el; at; at = at.parentElement) {
        const c = rgb(getComputedStyle(at).backgroundColor);
        if (c.length === 3 || (c[3] ?? 0) > 0) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const out: { what: string; ratio: number }[] = [];
    const seen = new Set<string>();
    for (const el of document.querySelectorAll('td.cell a, .badge, .exit')) {
      const what = `${el.tagName.toLowerCase()}.${(el.closest('[class*="v-"], .exit') as Element | null)?.className ?? el.className}`;
      if (seen.has(what)) continue;
      seen.add(what);
      const [l1, l2] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))].sort((a, b) => b - a);
      out.push({ what, ratio: Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100 });
    }
    return out;
  });
}

describe.skipIf(!HAVE_CHROMIUM)(HAVE_CHROMIUM ? 'index.html layout in headless Chromium' : `index.html layout: SKIPPED, ${CHROMIUM} not installed`, () => {
  const dir = tempDir();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string, report: Report, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const file = await writeHtmlReport(report, join(dir, name));
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme });
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  for (const [name, shape] of [
    ['all-targets', {}],
    ['two-targets', { targets: TWO }],
    // Releases, more MTAs and clients will widen the matrix: 42 targets, 84 verdict columns.
    ['forty-two-targets', { lines: 3 }],
  ] as const) {
    it(`${name}: the summary and the matrix come first; nothing long is squeezed`, { timeout: 120_000 }, async () => {
      const report = publishedMatrixReport(shape);
      const page = await open(name, report);
      await screenshot(page, name);
      const first = await measure(page);
      expect(first.matrixTop, 'the matrix starts within the first 1.5 screens').toBeLessThanOrEqual(1.5 * VIEWPORT.height);
      for (const block of first.above) expect(block.height, `${block.what} above the matrix`).toBeLessThanOrEqual(700);
      // A target's name in the summary opens its facts, closed until then.
      expect(await page.locator('details.target[open]').count()).toBe(0);
      await page.click('#summary tbody tr:last-child th a');
      expect(await page.locator(`details#t-${report.targets.length - 1}[open]`).count()).toBe(1);
      // Every target's facts and waivers open, one drill-down open: still nothing squeezed.
      await page.evaluate(() => document.querySelectorAll('details.target').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await page.click('td.cell a >> nth=0');
      const opened = await measure(page);
      expect(first.squeezed, first.squeezed.join('\n')).toEqual([]);
      expect(opened.squeezed, opened.squeezed.join('\n')).toEqual([]);
      expect(await page.locator('details.target').count()).toBe(report.targets.length);
      await page.close();
    });
  }

  it('the squeeze check finds a squeezed box (the check itself can fail)', { timeout: 60_000 }, async () => {
    const page = await open('squeeze-check', publishedMatrixReport({ targets: TWO }));
    await page.evaluate(() => {
      const card = document.createElement('dd');
      card.className = 'narrow';
      card.textContent = 'sha256:1a723d145d48d24e0f56025fe44e6b651c4bac64';
      card.style.width = '30px';
      document.querySelector('main')!.prepend(card);
    });
    expect((await measure(page)).squeezed).toEqual([expect.stringMatching(/^dd\.narrow 30 px: sha256:/)]);
    await page.close();
  });

  it('the matrix keeps its header row and case column in view while it scrolls both ways', { timeout: 60_000 }, async () => {
    const report = publishedMatrixReport();
    const page = await open('all-targets', report);
    const wrap = page.locator('#matrix-wrap');
    await wrap.evaluate((el) => el.scrollIntoView());
    const before = await page.evaluate(() => ({
      head: document.querySelector('#matrix thead th.target')!.getBoundingClientRect().top,
      first: document.querySelector('#matrix tr.case > th')!.getBoundingClientRect().left,
    }));
    await wrap.evaluate((el) => el.scrollTo(800, 1500));
    const after = await page.evaluate(() => {
      const wrapBox = document.getElementById('matrix-wrap')!.getBoundingClientRect();
      // The case header cell now at the wrapper's left edge, a third of the way down.
      const row = document.elementFromPoint(wrapBox.left + 20, wrapBox.top + wrapBox.height / 3)?.closest('tr.case > th');
      return {
        scrolled: [document.getElementById('matrix-wrap')!.scrollLeft, document.getElementById('matrix-wrap')!.scrollTop],
        head: document.querySelector('#matrix thead th.target')!.getBoundingClientRect().top,
        caseColumnAtLeft: row !== null && row !== undefined,
      };
    });
    expect(after.scrolled[0]).toBeGreaterThan(0);
    expect(after.scrolled[1]).toBeGreaterThan(0);
    expect(Math.abs(after.head - before.head)).toBeLessThanOrEqual(1);
    expect(after.caseColumnAtLeft).toBe(true);
    // The whole-target rows (465+587) span a target's two columns: no third column per target.
    const columns = await page.locator('#matrix thead th.port').allTextContents();
    expect(columns).not.toContain('465+587');
    expect(columns).toHaveLength(2 * report.targets.length);
    await page.close();
  });

  it('the page grows with rows, linearly, and not with waivers', { timeout: 120_000 }, async () => {
    const heights: number[] = [];
    for (const copies of [1, 2, 3]) {
      const page = await open(`rows-${copies}`, publishedMatrixReport({ targets: TWO, copies }));
      heights.push(await fullHeight(page));
      await page.close();
    }
    const [h1, h2, h3] = heights as [number, number, number];
    expect(h2 - h1).toBeGreaterThan(0);
    // The same rows added twice add the same height (within 5%).
    expect(Math.abs(h3 - h2 - (h2 - h1))).toBeLessThanOrEqual(0.05 * (h2 - h1));

    const plain = await open('waivers-0', publishedMatrixReport({ targets: TWO }));
    const waived = await open('waivers-40', publishedMatrixReport({ targets: TWO, extraWaivers: 40 }));
    const [a, b] = [await plain.evaluate(() => document.documentElement.scrollHeight), await waived.evaluate(() => document.documentElement.scrollHeight)];
    expect(b, 'forty more waivers per target, facts closed').toBe(a);
    expect((await measure(waived)).matrixTop).toBe((await measure(plain)).matrixTop);
    await plain.close();
    await waived.close();
  });

  it('a comparison of two runs says what changed first, and filters to it', { timeout: 60_000 }, async () => {
    const before = publishedMatrixReport({ targets: TWO });
    const after = publishedMatrixReport({ targets: TWO });
    after.startedAt = '2026-12-06T10:00:00.000Z';
    const moved = after.results.findIndex((r) => r.target === 'postfix:hardened' && r.caseId === 'injection/1/pipelined-noop' && r.port === '587');
    after.results[moved] = { ...after.results[moved]!, verdict: 'FAIL', actual: 'the NOOP was answered inside TLS' };
    after.counts = countVerdicts(after.results);
    after.exitCode = exitCodeFor(after.results, [], false);
    const compared = mergeReports([
      { label: 'new', report: after },
      { label: 'old', report: before },
    ]);
    const page = await open('comparison', compared);
    await screenshot(page, 'comparison');
    const changes = page.locator('#changes');
    expect(await changes.locator('tr.change').count()).toBe(1);
    expect(await changes.textContent()).toContain('1 new finding');
    expect(await changes.locator('tr.change').textContent()).toMatch(/new finding.*injection\/1\/pipelined-noop.*postfix:hardened.*587.*PASS → × VULN/s);
    const layout = await measure(page);
    expect(layout.above[0]?.what, 'what changed is the first block after the header').toMatch(/^header/);
    expect(layout.above[1]?.what).toBe('section#changes.');
    expect(layout.matrixTop).toBeLessThanOrEqual(1.5 * VIEWPORT.height);
    await page.check('#f-changed');
    expect(await page.locator('tr.case:visible').count()).toBe(1);
    expect(await page.locator('tr.case:visible td.changed').count()).toBe(1);
    await page.close();
  });

  it('labels, header cells with scope, and verdict colours at 4.5:1 in both colour schemes', { timeout: 120_000 }, async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open(`all-targets-${scheme}`, publishedMatrixReport(), scheme);
      if (scheme === 'dark') await screenshot(page, 'all-targets-dark');
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, button, textarea')]
          .filter((el) => !(el.closest('label')?.textContent?.trim() || el.getAttribute('aria-label') || (el.id && document.querySelector(`label[for="${el.id}"]`))))
          .map((el) => el.outerHTML),
      );
      expect(unlabelled).toEqual([]);
      const emptyLinks = await page.evaluate(() => [...document.querySelectorAll('a')].filter((a) => !a.textContent?.trim() && !a.getAttribute('aria-label')).length);
      expect(emptyLinks).toBe(0);
      const headers = await page.evaluate(() =>
        [...document.querySelectorAll('table')].map((table) => ({
          id: table.id || table.className,
          withoutScope: [...table.querySelectorAll('th')].filter((th) => !th.getAttribute('scope')).length,
          headerCells: table.querySelectorAll('thead th').length,
        })),
      );
      for (const t of headers) {
        expect(t.withoutScope, `${t.id}: th without scope`).toBe(0);
        expect(t.headerCells, `${t.id}: header row`).toBeGreaterThan(0);
      }
      const ratios = await contrasts(page);
      // Every verdict shows somewhere: in the legend's badges at least.
      expect(ratios.filter((r) => r.what.startsWith('span.badge')).length).toBeGreaterThanOrEqual(8);
      for (const r of ratios) expect(r.ratio, `${scheme}: ${r.what}`).toBeGreaterThanOrEqual(4.5);
      await page.close();
    }
  });
});
