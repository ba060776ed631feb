import { describe, expect, it } from 'vitest';
import { renderConsoleTree } from '../../reports/console-tree.ts';
import { renderHtml } from '../../reports/html/page.ts';
import { renderJunit } from '../../reports/junit-writer.ts';
import { renderMarkdown } from '../../reports/markdown-writer.ts';
import { renderSarif } from '../../reports/sarif-writer.ts';
import { caseResult, report } from './fixtures.ts';

/**
 * A model-based case checks many rules; its finding names the one its counterexample broke, and every
 * format files the finding under that requirement, not under the case's first one.
 */
describe('a finding names the requirement it broke, in every format', () => {
  const row = caseResult({
    caseId: 'rfc3207/4.2/session-model',
    title: 'Model',
    requirements: ['R3207-4.2a', 'R3207-4.2c', 'R6409-4.3'],
    violated: ['R6409-4.3'],
    category: 'conformance',
    verdict: 'FAIL',
    actual: 'Breaks R6409-4.3 (MUST, RFC 6409 §4.3). Shrunk sequence: …',
  });
  const r = report([row]);

  it('console: "breaks R6409-4.3" on the row, not the list of what the case checks', () => {
    const text = renderConsoleTree(r, { color: false, verbose: false });
    expect(text).toContain('[breaks R6409-4.3, MUST]');
    expect(text).not.toContain('[R3207-4.2a, R3207-4.2c, R6409-4.3]');
  });

  it('SARIF: the result is filed under the broken requirement\'s rule', () => {
    const result = renderSarif(r).runs[0]!.results![0]!;
    expect(result.ruleId).toBe('R6409-4.3');
    expect(result.properties?.violated).toEqual(['R6409-4.3']);
  });

  it('JUnit: a "violated" property beside the requirements', () => {
    expect(renderJunit(r)).toContain('<property name="violated" value="R6409-4.3"/>');
  });

  it('Markdown and HTML name it', () => {
    expect(renderMarkdown(r)).toContain('breaks R6409-4.3');
    expect(renderHtml(r)).toContain('broken: <b>R6409-4.3</b>');
  });
});
