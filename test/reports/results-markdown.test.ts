import { describe, expect, it } from 'vitest';
import type { MtaFindings } from '../../targets/target-findings.ts';
import { ResultsInputError, resultsFromReport } from '../../reports/results-data.ts';
import { renderResultsMarkdown } from '../../reports/results-markdown.ts';
import { caseResult, report, targetSummary } from './fixtures.ts';

const targets = [
  targetSummary({ name: 'mta:stock', facts: { packages: 'mta 1.0-1 <b>evil|cell</b>' } }),
  targetSummary({ name: 'mta:hardened', facts: { packages: 'mta 1.0-1' } }),
  targetSummary({ name: 'flawed', kind: 'local' }),
];

const rows = [
  // R8314-4.1 is checked by two cases on each port: the cell shows the most telling verdict per port.
  caseResult({ caseId: 'a/one', title: 'One', requirements: ['R8314-4.1'], target: 'mta:stock', port: '465', verdict: 'PASS' }),
  caseResult({ caseId: 'a/one', title: 'One', requirements: ['R8314-4.1'], target: 'mta:stock', port: '587', verdict: 'NA' }),
  caseResult({ caseId: 'a/two', title: 'Two', requirements: ['R8314-4.1'], target: 'mta:stock', port: '465', verdict: 'WARN' }),
  caseResult({ caseId: 'a/two', title: 'Two', requirements: ['R8314-4.1'], target: 'mta:stock', port: '587', verdict: 'PASS' }),
  caseResult({ caseId: 'a/one', title: 'One', requirements: ['R8314-4.1'], target: 'mta:hardened', port: '465', verdict: 'PASS' }),
  caseResult({ caseId: 'a/one', title: 'One', requirements: ['R8314-4.1'], target: 'mta:hardened', port: '587', verdict: 'PASS' }),
  caseResult({ caseId: 'a/two', title: 'Two', requirements: ['R8314-4.1'], target: 'mta:hardened', port: '465', verdict: 'XFAIL' }),
  caseResult({ caseId: 'a/two', title: 'Two', requirements: ['R8314-4.1'], target: 'mta:hardened', port: '587', verdict: 'PASS' }),
  caseResult({ caseId: 'b/both', title: 'Both', requirements: ['R8314-3.3b'], target: 'mta:stock', port: '465+587', verdict: 'FAIL' }),
  caseResult({ caseId: 'b/both', title: 'Both', requirements: ['R8314-3.3b'], target: 'mta:hardened', port: '465+587', verdict: 'PASS' }),
  caseResult({ caseId: 'a/one', title: 'One', requirements: ['R8314-4.1'], target: 'flawed', port: '465', verdict: 'FAIL' }),
];

const findings: MtaFindings = {
  mta: 'mta',
  release: 'debian12',
  title: 'MTA 1.0',
  doc: 'hardened/mta.md',
  configurations: {
    stock: { 'a/two': [{ implicit: 'WARN' }, 'It keeps a <weak> default.'], 'b/both': ['FAIL', 'Only one service.'] },
    hardened: { 'a/two': [{ implicit: 'XFAIL' }, 'Waived: compiled in.'] },
  },
};

describe('docs/results: the published matrix', () => {
  const data = resultsFromReport(report(rows, { targets }));

  it('keeps the MTA targets of the run, their verdicts and the requirements they cite; not the local ones', () => {
    expect(data.targets.map((t) => [t.name, t.mta, t.configuration])).toEqual([
      ['mta:stock', 'mta', 'stock'],
      ['mta:hardened', 'mta', 'hardened'],
    ]);
    expect(data.verdicts['mta:stock']).toEqual({ 'a/one': { '465': 'PASS', '587': 'NA' }, 'a/two': { '465': 'WARN', '587': 'PASS' }, 'b/both': { '465+587': 'FAIL' } });
    expect(data.verdicts.flawed).toBeUndefined();
    expect(data.requirements.map((q) => q.id)).toEqual(['R8314-3.3b', 'R8314-4.1']);
  });

  it('lists, per MTA with two release lines, each verdict that differs between them with the newer line\'s reason', () => {
    const newer = [
      ...rows.filter((r) => r.target === 'mta:stock').map((r) => ({ ...r, target: 'mta@debian13:stock', verdict: r.caseId === 'a/two' && r.port === '465' ? ('PASS' as const) : r.verdict })),
    ];
    const lined = resultsFromReport(report([...rows, ...newer], { targets: [...targets, targetSummary({ name: 'mta@debian13:stock' })] }));
    expect(lined.targets.find((t) => t.name === 'mta@debian13:stock')).toMatchObject({ mta: 'mta', release: 'debian13', line: 'mta@debian13', configuration: 'stock' });
    const md = renderResultsMarkdown(lined, { mta: findings, 'mta@debian13': { ...findings, release: 'debian13', title: 'MTA 2.0', changes: { 'a/two': 'A fix: its <weak> default went.' } } });
    const section = md.slice(md.indexOf('## What changed between releases'), md.indexOf('## Findings per MTA'));
    expect(section).toContain('### MTA 2.0: Debian 12 (bookworm) → Debian 13 (trixie)');
    expect(section.split('\n').filter((l) => l.startsWith('| `'))).toEqual(['| `a/two` | stock | 465 | ⚠ WARN | ✔ PASS | A fix\\: its &lt;weak&gt; default went. |']);
    // Without both lines in the run there is no such section.
    expect(renderResultsMarkdown(data, { mta: findings })).not.toContain('## What changed between releases');
  });

  it('shows each requirement per target and port, the most telling verdict of its cases', () => {
    const md = renderResultsMarkdown(data, { mta: findings });
    const row = md.split('\n').find((l) => l.startsWith('| R8314-4.1 '));
    expect(row).toMatch(/\| MUST \| ⚠ ✔ \| ⊘ ✔ \|$/);
    const both = md.split('\n').find((l) => l.startsWith('| R8314-3.3b '));
    expect(both).toMatch(/\| × \| ✔ \|$/);
  });

  it('lets a graded verdict show over an INFO record of the same requirement, and INFO show alone', () => {
    const info = [
      caseResult({ caseId: 'r/graded', title: 'Graded', requirements: ['T-RENEG'], target: 'mta:stock', port: '465', verdict: 'PASS' }),
      caseResult({ caseId: 'r/recorded', title: 'Recorded', requirements: ['T-RENEG'], target: 'mta:stock', port: '465', verdict: 'INFO', level: 'INFO' }),
      caseResult({ caseId: 'r/recorded', title: 'Recorded', requirements: ['T-RENEG'], target: 'mta:hardened', port: '465', verdict: 'INFO', level: 'INFO' }),
    ];
    const md = renderResultsMarkdown(resultsFromReport(report(info, { targets })), {});
    expect(md.split('\n').find((l) => l.startsWith('| T-RENEG '))).toMatch(/\| ✔ · \| ℹ · \|$/);
  });

  it('explains each finding with the reason of the MTA\'s findings, and escapes what the run reported', () => {
    const md = renderResultsMarkdown(data, { mta: findings });
    expect(md).toContain('- ⚠ WARN `a/two` (465): Two. It keeps a &lt;weak&gt; default.');
    expect(md).toContain('- × FAIL `b/both` (465+587): Both. Only one service.');
    expect(md).toContain('- ⊘ XFAIL `a/two` (465): Two. Waived\\: compiled in.');
    expect(md).toContain('[hardened/mta.md](hardened/mta.md)');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/evil\|cell/);
  });

  it('says when an MTA has no findings to explain a verdict with', () => {
    expect(renderResultsMarkdown(data, {})).toContain('\\(not explained yet\\: targets/mta/debian12/findings.ts has no entry\\)');
  });

  it('is the same text for the same data', () => {
    expect(renderResultsMarkdown(data, { mta: findings })).toBe(renderResultsMarkdown(JSON.parse(JSON.stringify(data)), { mta: findings }));
  });

  it('refuses a run that could not start its targets, and one with no MTA target', () => {
    expect(() => resultsFromReport(report(rows, { targets, runErrors: ['exim:stock: image exim failed'] }))).toThrow(ResultsInputError);
    expect(() => resultsFromReport(report([], { targets: [targetSummary({ name: 'flawed', kind: 'local' })] }))).toThrow(/no built-in MTA target/);
  });

  it('files a finding only under the requirement it broke, also outside its case\'s own list', () => {
    // A model case checks R3207-4.2c and R6409-4.3; its counterexample broke R6409-4.3. The case that
    // checks R3207-4.2c alone passes: that cell is ✔, and the R6409-4.3 cell is ×.
    const model = [
      caseResult({ caseId: 'm/model', title: 'Model', requirements: ['R3207-4.2c', 'R6409-4.3'], violated: ['R6409-4.3'], target: 'mta:stock', port: '587', verdict: 'FAIL' }),
      caseResult({ caseId: 'm/advert', title: 'Advert', requirements: ['R3207-4.2c'], target: 'mta:stock', port: '587', verdict: 'PASS' }),
      caseResult({ caseId: 'm/mail', title: 'Mail', requirements: ['R6409-4.3'], target: 'mta:stock', port: '587', verdict: 'PASS' }),
      // A finding broke a requirement its case does not list: it still shows there.
      caseResult({ caseId: 'm/other', title: 'Other', requirements: ['R3207-4d'], violated: ['R5321-4.1.4b'], level: 'SHOULD', target: 'mta:stock', port: '587', verdict: 'WARN' }),
    ];
    const published = resultsFromReport(report(model, { targets: targets.slice(0, 1) }));
    expect(published.violated?.['mta:stock']?.['m/model']).toEqual({ '587': ['R6409-4.3'] });
    const md = renderResultsMarkdown(published, {});
    const cell = (id: string) => md.split('\n').find((l) => l.startsWith(`| ${id} `));
    expect(cell('R3207-4.2c')).toMatch(/\| · ✔ \|$/);
    expect(cell('R6409-4.3')).toMatch(/\| · × \|$/);
    // Its only case ran on 587 but its finding broke another requirement: not concluded there.
    expect(cell('R3207-4d')).toMatch(/\| · – \|$/);
    expect(cell('R5321-4.1.4b')).toMatch(/\| · ⚠ \|$/);
    expect(md).toContain('`m/model` (587) breaks R6409-4.3');
  });
});
