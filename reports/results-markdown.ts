import { CURRENT_RELEASE, lineName, RELEASE_TITLE, RELEASES, type Release } from '../targets/releases.ts';
import type { MtaFindings } from '../targets/target-findings.ts';
import type { Verdict } from '../harness/model/verdict.ts';
import { VERDICT_GLYPH } from './console-style.ts';
import { markdownText } from './markdown-text.ts';
import { lineOf, type ResultsData, type ResultsTarget } from './results-data.ts';

const PORTS = ['465', '587'] as const;

/**
 * Which verdict a requirement's cell shows when its cases disagree: the most telling one. INFO ranks
 * under PASS: it only records (T-RENEG's client-initiated half), so it must not hide a graded PASS.
 */
const RANK: Record<Verdict, number> = { FAIL: 7, XPASS: 6, ERROR: 5, WARN: 4, XFAIL: 3, PASS: 2, INFO: 1, NA: 0 };

const worst = (verdicts: Verdict[]): Verdict | undefined => verdicts.reduce<Verdict | undefined>((w, v) => (w === undefined || RANK[v] > RANK[w] ? v : w), undefined);

/** Verdicts that report a violation: each names the requirement(s) it broke. */
const FINDINGS: ReadonlySet<Verdict> = new Set(['FAIL', 'WARN', 'XFAIL']);

/**
 * What one case's row on one port says about one requirement: a finding counts only under the
 * requirement it broke (a model-based case that checks ten rules fails one of them), also when that
 * requirement is not among the case's own; any other verdict counts under the requirements the case checks.
 */
function rowVerdict(data: ResultsData, target: string, caseId: string, port: string, requirement: string): Verdict | undefined {
  const verdict = data.verdicts[target]?.[caseId]?.[port];
  if (verdict === undefined) return undefined;
  const checks = data.cases.find((c) => c.id === caseId)?.requirements.includes(requirement) ?? false;
  if (!FINDINGS.has(verdict)) return checks ? verdict : undefined;
  const broke = data.violated?.[target]?.[caseId]?.[port];
  // A results.json from before `violated` existed: a finding stands for every requirement its case checks.
  if (broke === undefined) return checks ? verdict : undefined;
  return broke.includes(requirement) ? verdict : undefined;
}

/** A requirement's verdict on one port of one target: the most telling verdict of the rows that speak of it there. */
function requirementCell(data: ResultsData, target: string, requirement: string): string {
  const ids = data.cases.map((c) => c.id);
  const on = (port: string) => worst(ids.flatMap((id) => rowVerdict(data, target, id, port, requirement) ?? []));
  // A case that checks the requirement ran on the port but its finding broke another one: not concluded.
  const ran = (port: string) => data.cases.some((c) => c.requirements.includes(requirement) && data.verdicts[target]?.[c.id]?.[port] !== undefined);
  const both = on('465+587');
  const perPort = PORTS.map(on);
  if (perPort.every((v) => v === undefined) && !PORTS.some(ran)) return both ? VERDICT_GLYPH[both] : ran('465+587') ? '–' : ' ';
  return PORTS.map((port, i) => {
    const v = perPort[i];
    if (v) return VERDICT_GLYPH[worst([v, ...(both ? [both] : [])])!];
    return ran(port) ? '–' : '·';
  }).join(' ');
}

/** A column of the matrix: the line ("postfix", "postfix@debian13") and the configuration. */
export const targetHeading = (t: ResultsTarget) => markdownText(`${lineOf(t)} ${t.configuration}`);

/** A value of our own (tool name, ISO time) as a code span; anything else is escaped as untrusted text. */
const code = (text: string) => (/^[\w .:+-]+$/.test(text) ? `\`${text}\`` : markdownText(text));

function counts(data: ResultsData, target: string): string {
  const tally = new Map<Verdict, number>();
  for (const ports of Object.values(data.verdicts[target] ?? {})) for (const v of Object.values(ports)) tally.set(v, (tally.get(v) ?? 0) + 1);
  return (['PASS', 'FAIL', 'WARN', 'INFO', 'NA', 'XFAIL', 'XPASS', 'ERROR'] as const)
    .filter((v) => tally.has(v))
    .map((v) => `${tally.get(v)} ${VERDICT_GLYPH[v]}`)
    .join(' · ');
}

/** Every row of one target that is not PASS, grouped by case and what it broke: the findings its configuration shows. */
function nonPassing(data: ResultsData, target: string): { caseId: string; verdict: Verdict; ports: string[]; broke?: string[] }[] {
  const rows: { caseId: string; verdict: Verdict; ports: string[]; broke?: string[] }[] = [];
  for (const c of data.cases) {
    const ports = data.verdicts[target]?.[c.id] ?? {};
    const groups = new Map<string, { verdict: Verdict; ports: string[]; broke?: string[] }>();
    for (const [port, verdict] of Object.entries(ports)) {
      if (verdict === 'PASS') continue;
      const broke = data.violated?.[target]?.[c.id]?.[port];
      const key = `${verdict} ${broke?.join(',') ?? ''}`;
      const group = groups.get(key) ?? { verdict, ports: [], ...(broke ? { broke } : {}) };
      group.ports.push(port);
      groups.set(key, group);
    }
    for (const group of groups.values()) rows.push({ caseId: c.id, ...group });
  }
  return rows.sort((a, b) => RANK[b.verdict] - RANK[a.verdict]);
}

/**
 * The SMTP smuggling cases (CVE-2023-51764, -51765, -51766) case by case: which look-alike probe, the
 * generated runs, the relayed copy and the command reader each gave, per target and port. Absent when
 * the run had none of them.
 */
function smugglingSection(data: ResultsData): string[] {
  const cases = data.cases.filter((c) => c.id.startsWith('smuggling/'));
  if (cases.length === 0) return [];
  const cell = (target: string, id: string) =>
    PORTS.map((port) => {
      const v = data.verdicts[target]?.[id]?.[port];
      return v ? VERDICT_GLYPH[v] : '·';
    }).join(' ');
  return [
    '',
    '## SMTP smuggling',
    '',
    'End-of-data look-alikes (`<LF>.<LF>`, `<LF>.<CR><LF>`, `<CR>.<CR>`, a NUL or a space beside the dot) with a second transaction behind',
    'them, sent after AUTH on both ports (SMUG-1); bare CR and LF in a relayed message, checked at the harness\'s sink (SMUG-2); a bare CR or',
    'LF in a command line (SMUG-3). Why each MTA gives what it gives, with the setting and the package version, is under its findings below.',
    '',
    `| case | requirement | ${data.targets.map(targetHeading).join(' | ')} |`,
    `|---|---|${data.targets.map(() => ':-:').join('|')}|`,
    ...cases.map((c) => `| \`${c.id}\` | ${c.requirements.join(', ')} | ${data.targets.map((t) => cell(t.name, c.id)).join(' | ')} |`),
  ];
}

function findingLines(data: ResultsData, target: ResultsTarget, findings: MtaFindings | undefined): string[] {
  const rows = nonPassing(data, target.name);
  if (rows.length === 0) return ['Every case passes.'];
  const expected = findings?.configurations[target.configuration as 'stock' | 'hardened'] ?? {};
  return rows.map(({ caseId, verdict, ports, broke }) => {
    const title = data.cases.find((c) => c.id === caseId)?.title ?? '';
    const reason = expected[caseId]?.[1] ?? `(not explained yet: targets/${target.mta}/${target.release ?? CURRENT_RELEASE}/findings.ts has no entry)`;
    const breaks = broke ? ` breaks ${broke.join(', ')}` : '';
    return `- ${VERDICT_GLYPH[verdict]} ${verdict} \`${caseId}\` (${ports.join(', ')})${breaks}: ${markdownText(title)}. ${markdownText(reason)}`;
  });
}

/**
 * Per MTA with two lines in the run, newer over older: every case × configuration × port whose verdict
 * differs, with why from the newer line's findings (`changes`).
 */
function releaseChanges(data: ResultsData, findings: Record<string, MtaFindings>): string[] {
  const out: string[] = [];
  for (const mta of [...new Set(data.targets.map((t) => t.mta))]) {
    const lines = [...new Set(data.targets.filter((t) => t.mta === mta && t.release).map((t) => t.release!))].sort(
      (a, b) => RELEASES.indexOf(a as Release) - RELEASES.indexOf(b as Release),
    );
    for (let i = 0; i + 1 < lines.length; i += 1) {
      const [newer, older] = [lines[i]!, lines[i + 1]!];
      const f = findings[lineName(mta, newer as Release)];
      const title = (release: string) => RELEASE_TITLE[release as Release] ?? release;
      const rows: string[] = [];
      for (const configuration of ['stock', 'hardened']) {
        const target = (release: string) => data.targets.find((t) => t.mta === mta && t.release === release && t.configuration === configuration)?.name;
        const [n, o] = [target(newer), target(older)];
        if (!n || !o) continue;
        for (const c of data.cases) {
          for (const port of ['465', '587', '465+587']) {
            const [now, was] = [data.verdicts[n]?.[c.id]?.[port], data.verdicts[o]?.[c.id]?.[port]];
            if (now === was) continue;
            const why = f?.changes?.[c.id] ?? `(not explained yet: targets/${mta}/${newer}/findings.ts has no \`changes\` entry)`;
            rows.push(`| \`${c.id}\` | ${configuration} | ${port} | ${was ? `${VERDICT_GLYPH[was]} ${was}` : 'not run'} | ${now ? `${VERDICT_GLYPH[now]} ${now}` : 'not run'} | ${markdownText(why)} |`);
          }
        }
      }
      out.push('', `### ${markdownText(f?.title ?? mta)}: ${title(older)} → ${title(newer)}`, '');
      if (rows.length === 0) out.push('No verdict differs.');
      else out.push(`| case | configuration | port | ${title(older)} | ${title(newer)} | why |`, '|---|---|---|---|---|---|', ...rows);
    }
  }
  return out.length > 0 ? ['', '## What changed between releases', '', 'Per MTA, every case × configuration × port whose verdict differs between its release lines, with the reason from the newer line\'s findings.', ...out] : [];
}

/**
 * docs/results.md from docs/results.json: requirements × target × port with verdict glyphs, then each
 * MTA's findings with the one-sentence reason its findings.ts gives. Pure: the same data gives the
 * same text, which the tests rely on to find a stale page.
 */
export function renderResultsMarkdown(data: ResultsData, findings: Record<string, MtaFindings>): string {
  const lines: string[] = [
    '# Results: the target matrix',
    '',
    `Generated by \`npm run results\` from a run of ${code(data.tool)} started ${code(data.startedAt)} (${data.cases.length} cases); do not edit, rerun it`,
    '(or render an existing report with `msaspec results REPORT.json`). The verdicts are also in `docs/results.json`, which',
    "the project's tests hold against each MTA's expected verdicts (`targets/<mta>/<release>/findings.ts`).",
    '',
    `Glyphs: ${(['PASS', 'FAIL', 'WARN', 'INFO', 'NA', 'ERROR', 'XFAIL', 'XPASS'] as const).map((v) => `${VERDICT_GLYPH[v]} ${v}`).join(', ')}.`,
    'A cell shows port 465 then port 587 (`·`: not checked on that port; `–`: its cases ran there but each stopped at a finding under another',
    'requirement; one glyph for a requirement checked on the service as a whole). A finding counts only under the requirement it broke; when several cases',
    'check a requirement, the cell shows the most telling verdict among them. `stock` is the distribution\'s configuration',
    'with the minimum its documentation asks for submission; `hardened` is what RFC 8314 and BCP 195 ask.',
    '',
    '## Targets',
    '',
    '| target | packages | verdicts (case × port) |',
    '|---|---|---|',
    ...data.targets.map((t) => `| ${markdownText(t.name)} | ${markdownText(t.packages ?? '')} | ${counts(data, t.name)} |`),
    '',
    '## Requirements × target × port',
    '',
    `| requirement | level | ${data.targets.map(targetHeading).join(' | ')} |`,
    `|---|---|${data.targets.map(() => ':-:').join('|')}|`,
    ...data.requirements.map(
      (q) => `| ${q.id} ${markdownText(q.summary)} | ${q.graded ? `${q.level} (graded ${q.graded})` : q.level} | ${data.targets.map((t) => requirementCell(data, t.name, q.id)).join(' | ')} |`,
    ),
    ...smugglingSection(data),
    ...releaseChanges(data, findings),
    '',
    '## Findings per MTA',
  ];
  const mtaLines = [...new Set(data.targets.map(lineOf))];
  for (const line of mtaLines) {
    const f = findings[line];
    lines.push('', `### ${markdownText(f?.title ?? line)}`, '');
    if (f?.doc) lines.push(`Hardened configuration and its verdicts: [${f.doc}](${f.doc}).`, '');
    for (const target of data.targets.filter((t) => lineOf(t) === line)) {
      lines.push(`**${target.configuration}**`, '', ...findingLines(data, target, f), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
