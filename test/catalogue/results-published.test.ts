import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import { CURRENT_RELEASE, lineName } from '../../targets/releases.ts';
import { expectedVerdictForLabel } from '../../targets/target-findings.ts';
import { findingsMismatches, hardenedDocUpdates } from '../../app/cli/results-command.ts';
import { isMandatory, type Level } from '../../harness/model/verdict.ts';
import { renderHardenedVerdicts, VERDICTS_BEGIN, VERDICTS_END, verdictsSection } from '../../reports/hardened-verdicts.ts';
import { lineOf, type ResultsData } from '../../reports/results-data.ts';
import { renderResultsMarkdown, targetHeading } from '../../reports/results-markdown.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * docs/results.md publishes a matrix run; docs/results.json holds its verdicts. Each MTA's
 * findings.ts is the one table of what it should give: its end-to-end test holds a fresh run against
 * it (targets/<mta>/<mta>.test.ts), and this file holds the published run against it, so the
 * page, the data and a fresh run cannot drift apart. `npm run results` regenerates both files and the
 * verdicts section of each docs/hardened/<mta>.md; `npm run results -- --render-only` renders them
 * again from docs/results.json without a run.
 */
const docs = resolve(import.meta.dirname, '../../docs');
const data = JSON.parse(readFileSync(resolve(docs, 'results.json'), 'utf8')) as ResultsData;
const levels = new Map(ALL_CASES.map((c) => [c.id, c.level as Level]));

describe('the published results (docs/results.md, docs/results.json)', () => {
  it('results.md is rendered from results.json (regenerate with `npm run results`)', () => {
    expect(existsSync(resolve(docs, 'results.md'))).toBe(true);
    expect(readFileSync(resolve(docs, 'results.md'), 'utf8')).toBe(renderResultsMarkdown(data, TARGET_FINDINGS));
  });

  it('shows × under a requirement only where a finding that names it failed (a vendor reads each × as that requirement broken)', () => {
    const md = renderResultsMarkdown(data, TARGET_FINDINGS);
    const header = md.split('\n').find((l) => l.startsWith('| requirement | level |'))!;
    const columns = header.split(' | ').slice(2).map((c) => c.replace(/ \|$/, ''));
    const wrong: string[] = [];
    for (const q of data.requirements) {
      const row = md.split('\n').find((l) => l.startsWith(`| ${q.id} `))!;
      const cells = row.split(' | ').slice(2).map((c) => c.replace(/ \|$/, ''));
      cells.forEach((cell, i) => {
        const target = data.targets.find((t) => targetHeading(t) === columns[i])!;
        const ports = cell.split(' ').map((glyph, k) => [glyph, cell.includes(' ') ? ['465', '587'][k]! : '465+587'] as const);
        for (const [glyph, port] of ports) {
          if (glyph !== '×') continue;
          const named = Object.entries(data.violated?.[target.name] ?? {}).some(([caseId, byPort]) => data.verdicts[target.name]?.[caseId]?.[port] === 'FAIL' && (byPort[port] ?? []).includes(q.id));
          const whole = Object.entries(data.violated?.[target.name] ?? {}).some(([caseId, byPort]) => data.verdicts[target.name]?.[caseId]?.['465+587'] === 'FAIL' && (byPort['465+587'] ?? []).includes(q.id));
          if (!named && !whole) wrong.push(`${q.id} on ${target.name} ${port}`);
        }
      });
    }
    expect(wrong).toEqual([]);
  });

  it('publishes both configurations of every MTA that has findings', () => {
    const published = new Set(data.targets.map((t) => t.name));
    const missing = Object.keys(TARGET_FINDINGS).flatMap((mta) => [`${mta}:stock`, `${mta}:hardened`]).filter((name) => !published.has(name));
    expect(missing).toEqual([]);
  });

  it("gives every MTA exactly the verdicts its findings.ts expects, stock and hardened", () => {
    expect(findingsMismatches(data)).toEqual([]);
  });

  it('finds no MUST-level FAIL on any hardened configuration (a waived deviation shows XFAIL instead)', () => {
    const fails = data.targets
      .filter((t) => t.configuration === 'hardened' && TARGET_FINDINGS[lineOf(t)])
      .flatMap((t) =>
        Object.entries(data.verdicts[t.name] ?? {}).flatMap(([caseId, ports]) =>
          Object.entries(ports)
            .filter(([, v]) => v === 'FAIL' && isMandatory(levels.get(caseId) ?? 'MUST'))
            .map(([port]) => `${t.name} ${caseId} on ${port}`),
        ),
      );
    expect(fails).toEqual([]);
  });
});

describe('the verdicts of each docs/hardened/<mta>.md', () => {
  const rerender = 'regenerate with `npm run results -- --render-only` (no run needed)';
  // A hardened doc is about the current line (what people install now).
  for (const [mta, findings] of Object.entries(TARGET_FINDINGS).filter(([, f]) => f.release === CURRENT_RELEASE)) {
    it(`${mta}: ${findings.doc ?? '(no doc)'} has its section between the markers, rendered from results.json`, () => {
      expect(findings.doc, `targets/${mta}/findings.ts names no doc`).toBe(`hardened/${mta}.md`);
      const path = resolve(docs, findings.doc!);
      expect(existsSync(path), `${path} is missing`).toBe(true);
      const doc = readFileSync(path, 'utf8');
      expect(doc.includes(VERDICTS_BEGIN) && doc.includes(VERDICTS_END), `${path} needs ${VERDICTS_BEGIN} and ${VERDICTS_END} under "## Verdicts"`).toBe(true);
      expect(verdictsSection(doc, path), `${path}: the verdicts section is not what docs/results.json gives; ${rerender}`).toBe(renderHardenedVerdicts(data, mta));
      // The section points at the MTA's end-to-end test: it has to exist.
      expect(existsSync(resolve(import.meta.dirname, `../../targets/${findings.mta}/${findings.mta}.test.ts`))).toBe(true);
    });
  }

  it('are rewritten by `msaspec results`: only between the markers, a doc without them refused before anything is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'msaspec-hardened-'));
    try {
      mkdirSync(join(dir, 'hardened'));
      writeFileSync(join(dir, 'hardened/postfix.md'), `# Postfix\n\n${VERDICTS_BEGIN}\nstale\n${VERDICTS_END}\n\nProse.\n`);
      const updates = hardenedDocUpdates(data, dir);
      expect(updates.map((u) => u.path)).toEqual([join(dir, 'hardened/postfix.md')]);
      expect(updates[0]!.text).toBe(`# Postfix\n\n${VERDICTS_BEGIN}\n${renderHardenedVerdicts(data, 'postfix')}${VERDICTS_END}\n\nProse.\n`);
      writeFileSync(join(dir, 'hardened/exim.md'), '# Exim\n\n| case | port | stock | hardened |\n');
      expect(() => hardenedDocUpdates(data, dir)).toThrow(/hardened\/exim.md needs one/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("each MTA's findings.ts", () => {
  for (const [mta, findings] of Object.entries(TARGET_FINDINGS)) {
    it(`${mta}: names only cases of the catalogue, each with a one-sentence reason, and no MUST-level FAIL when hardened`, () => {
      expect(lineName(findings.mta, findings.release)).toBe(mta);
      for (const configuration of ['stock', 'hardened'] as const) {
        const table = findings.configurations[configuration];
        expect(Object.keys(table).filter((id) => !levels.has(id)), configuration).toEqual([]);
        expect(Object.entries(table).filter(([, [, why]]) => !/^\S.*[.)]$/.test(why.trim())).map(([id]) => id), configuration).toEqual([]);
      }
      const hardenedFails = ALL_CASES.filter((c) => isMandatory(c.level))
        .flatMap((c) => c.ports.map((p) => [c.id, expectedVerdictForLabel(findings.configurations.hardened, c.id, p === 'implicit' ? '465' : '587')] as const))
        .filter(([, v]) => v === 'FAIL');
      expect(hardenedFails).toEqual([]);
    });
  }
});
