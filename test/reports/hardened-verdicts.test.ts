import { describe, expect, it } from 'vitest';
import {
  HardenedVerdictsError,
  hardenedRows,
  renderHardenedVerdicts,
  VERDICTS_BEGIN,
  VERDICTS_END,
  verdictsSection,
  withVerdictsSection,
} from '../../reports/hardened-verdicts.ts';
import type { ResultsData } from '../../reports/results-data.ts';
import type { Verdict } from '../../harness/model/verdict.ts';

const target = (name: string) => {
  const [mta = '', configuration = ''] = name.split(':');
  return { name, mta, configuration };
};

/** Verdicts of one case on one MTA: port label → [stock, hardened]. */
type Pairs = Record<string, [Verdict | undefined, Verdict | undefined]>;

function data(cases: Record<string, Pairs>, extra: Partial<ResultsData> = {}): ResultsData {
  const verdicts: ResultsData['verdicts'] = { 'mta:stock': {}, 'mta:hardened': {}, 'other:stock': { 'a/one': { '465': 'FAIL' } } };
  for (const [id, ports] of Object.entries(cases)) {
    for (const [port, [stock, hardened]] of Object.entries(ports)) {
      if (stock) (verdicts['mta:stock']![id] ??= {})[port] = stock;
      if (hardened) (verdicts['mta:hardened']![id] ??= {})[port] = hardened;
    }
  }
  return {
    tool: 'msaspec 0.1.0',
    startedAt: '2025-01-01T00:00:00.000Z',
    targets: ['mta:stock', 'mta:hardened', 'other:stock'].map(target),
    requirements: [],
    cases: Object.keys(cases).map((id) => ({ id, title: id, requirements: [], level: 'MUST' })),
    verdicts,
    ...extra,
  };
}

const fixture = data({
  'tls/versions/tls10-refused': { '465': ['FAIL', 'PASS'], '587': ['FAIL', 'PASS'] },
  'rfc8314/3.4/close-notify': { '465': ['WARN', 'XFAIL'], '587': ['PASS', 'PASS'] },
  'tls/renegotiation/client-initiated': { '465': ['INFO', 'INFO'], '587': ['INFO', 'INFO'] },
  'rfc3207/4.2/second-starttls-refused': { '465': ['FAIL', 'XFAIL'], '587': ['FAIL', 'PASS'] },
  'rfc3207/4.2/envelope-forgotten': { '587': ['NA', 'NA'] },
  'rfc3207/4/tls-required': { '587': ['WARN', 'PASS'] },
  'certificates/ports/same-on-both': { '465+587': ['PASS', 'FAIL'] },
  'rfc6409/4.3/mail-requires-auth': { '465': ['PASS', 'PASS'], '587': ['PASS', 'PASS'] },
});

const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| case '));

describe('docs/hardened/<mta>.md: the verdicts section', () => {
  it('lists every case × port that is not PASS on either configuration, one row for the ports that agree, by case id', () => {
    expect(tableRows(renderHardenedVerdicts(fixture, 'mta'))).toEqual([
      '| certificates/ports/same-on-both | 465+587 | PASS | FAIL |',
      '| rfc3207/4/tls-required | 587 | WARN | PASS |',
      '| rfc3207/4.2/envelope-forgotten | 587 | NA | NA |',
      '| rfc3207/4.2/second-starttls-refused | 465 | FAIL | XFAIL |',
      '| rfc3207/4.2/second-starttls-refused | 587 | FAIL | PASS |',
      '| rfc8314/3.4/close-notify | 465 | WARN | XFAIL |',
      '| tls/renegotiation/client-initiated | 465, 587 | INFO | INFO |',
      '| tls/versions/tls10-refused | 465, 587 | FAIL | PASS |',
    ]);
  });

  it('opens with a lead-in true of the table: the row count, PASS for what is not listed, the verdicts it shows', () => {
    const md = renderHardenedVerdicts(fixture, 'mta');
    expect(md).toContain('13 case × port rows per configuration in the published run; every row not listed is PASS in both configurations.');
    expect(md).toMatch(/XFAIL is a deviation the hardened configuration waives.*INFO is behaviour recorded, not graded.*NA means/);
    expect(md).not.toContain('XPASS');
    expect(md).toContain('targets/mta/findings.ts holds these verdicts');
    expect(md).toContain('targets/mta/mta.test.ts checks a fresh run');
    expect(md).toContain('docs/results.md publishes the run');
    expect(md).toContain('npm run results -- --render-only');
    expect(md).not.toContain(fixture.startedAt);
  });

  it('lists a row the run has on one configuration only, and says so', () => {
    const md = renderHardenedVerdicts(data({ 'a/one': { '465': ['PASS', undefined], '587': ['PASS', 'PASS'] } }), 'mta');
    expect(tableRows(md)).toEqual(['| a/one | 465 | PASS | — |']);
    expect(md).toContain('2 case × port rows on stock and 1 on hardened');
    expect(md).toContain('— means the case did not run on that configuration');
  });

  it('says so when every row passes', () => {
    const md = renderHardenedVerdicts(data({ 'a/one': { '465': ['PASS', 'PASS'] } }), 'mta');
    expect(tableRows(md)).toEqual([]);
    expect(md).toContain('Every row is PASS in both configurations.');
  });

  it('escapes what results.json holds that is not its own: case ids, port labels, verdicts outside the list', () => {
    const hostile = data({ 'x/<b>a|b</b>': { '465|9': ['PASS', 'FAIL'], '587': ['<i>BAD</i>' as Verdict, 'PASS'] } });
    const rows = tableRows(renderHardenedVerdicts(hostile, 'mta'));
    expect(rows).toEqual(['| x/&lt;b&gt;a\\|b&lt;/b&gt; | 587 | &lt;i&gt;BAD&lt;/i&gt; | PASS |', '| x/&lt;b&gt;a\\|b&lt;/b&gt; | 465\\|9 | PASS | FAIL |']);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
  });

  it('refuses an MTA the run has not both configurations of', () => {
    expect(() => renderHardenedVerdicts(fixture, 'other')).toThrow(/no other:hardened target/);
    expect(() => hardenedRows(fixture, 'absent')).toThrow(HardenedVerdictsError);
  });

  it('is the same text for the same data', () => {
    expect(renderHardenedVerdicts(JSON.parse(JSON.stringify(fixture)) as ResultsData, 'mta')).toBe(renderHardenedVerdicts(fixture, 'mta'));
  });
});

describe('the markers of the generated section', () => {
  const doc = `# MTA\n\n## Verdicts\n\n${VERDICTS_BEGIN}\nold table\n${VERDICTS_END}\n\nHand-written prose.\n`;

  it('replaces what lies between them and nothing else', () => {
    const next = withVerdictsSection(doc, 'new table\n');
    expect(next).toBe(`# MTA\n\n## Verdicts\n\n${VERDICTS_BEGIN}\nnew table\n${VERDICTS_END}\n\nHand-written prose.\n`);
    expect(verdictsSection(next)).toBe('new table\n');
    expect(withVerdictsSection(next, 'new table\n')).toBe(next);
  });

  it('refuses a doc without them, with one twice, or with them in the wrong order', () => {
    expect(() => verdictsSection('# MTA\n', 'docs/hardened/mta.md')).toThrow(/docs\/hardened\/mta.md needs one/);
    expect(() => withVerdictsSection(`${doc}${VERDICTS_BEGIN}\n`, 'x')).toThrow(HardenedVerdictsError);
    expect(() => withVerdictsSection(`${VERDICTS_END}\n${VERDICTS_BEGIN}\n`, 'x')).toThrow(HardenedVerdictsError);
  });
});
