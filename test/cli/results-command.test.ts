import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import type { ResultsData } from '../../reports/results-data.ts';
import { renderResultsMarkdown } from '../../reports/results-markdown.ts';
import { caseResult, report, targetSummary } from '../reports/fixtures.ts';
import { runCli, tempDir } from './cli-process.ts';

const matrix = report(
  [
    caseResult({ caseId: 'rfc6409/4.3/mail-requires-auth', requirements: ['R6409-4.3'], target: 'postfix:stock', port: '465', verdict: 'FAIL' }),
    caseResult({ caseId: 'rfc6409/4.3/mail-requires-auth', requirements: ['R6409-4.3'], target: 'postfix:hardened', port: '465', verdict: 'PASS' }),
  ],
  { targets: [targetSummary({ name: 'postfix:stock' }), targetSummary({ name: 'postfix:hardened' })] },
);

describe('msaspec results', () => {
  it('publishes a matrix report as results.json and results.md, and renders results.md again from results.json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.json'), JSON.stringify(matrix));
    const out = join(dir, 'docs');
    const first = await runCli(['results', dir, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const data = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsData;
    expect(data.verdicts['postfix:stock']).toEqual({ 'rfc6409/4.3/mail-requires-auth': { '465': 'FAIL' } });
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    expect(md).toBe(renderResultsMarkdown(data, TARGET_FINDINGS));
    expect(md).toContain(TARGET_FINDINGS.postfix!.configurations.stock['rfc6409/4.3/mail-requires-auth']![1].slice(0, 30).replace(/_/g, '\\_'));

    writeFileSync(join(out, 'results.md'), 'stale\n');
    const again = await runCli(['results', join(out, 'results.json'), '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'results.md'), 'utf8')).toBe(md);
  });

  it('refuses a run whose targets did not all start, and a missing file (exit 3)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ ...matrix, runErrors: ['exim:stock: image exim failed: exit 100'] }));
    const refused = await runCli(['results', join(dir, 'report.json'), '--out', join(dir, 'docs')]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/the run had errors, not publishing it: exim:stock: image exim failed/);
    const missing = await runCli(['results', join(dir, 'nope.json')]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
  });
});
