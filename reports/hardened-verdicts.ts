import { VERDICTS } from '../harness/model/verdict.ts';
import { markdownText } from './markdown-text.ts';
import { lineOf, type ResultsData } from './results-data.ts';

/** The generated part of docs/hardened/<mta>.md lies between these lines; the prose around it is hand-written. */
export const VERDICTS_BEGIN = '<!-- msaspec:verdicts:begin -->';
export const VERDICTS_END = '<!-- msaspec:verdicts:end -->';

/** Why a hardened doc's verdicts cannot be rendered or put in place. */
export class HardenedVerdictsError extends Error {}

const NOTICE =
  '<!-- Generated from docs/results.json by `npm run results` (from the published run alone: `npm run results -- --render-only`); an edit between these markers is overwritten. -->';

/** A row missing on one configuration (the case did not run there) is shown as this, and listed: it is not a PASS. */
const MISSING = '—';

const LEGEND: Record<string, string> = {
  XFAIL: 'XFAIL is a deviation the hardened configuration waives (its findings.ts entry)',
  XPASS: 'XPASS is a waived case that passed',
  INFO: 'INFO is behaviour recorded, not graded',
  NA: "NA means the case's precondition is absent",
  ERROR: 'ERROR means the harness could not conclude',
  [MISSING]: `${MISSING} means the case did not run on that configuration`,
};

const PORT_ORDER = ['465', '587', '465+587'];
const byPort = (a: string, b: string) => {
  const [i, j] = [PORT_ORDER.indexOf(a), PORT_ORDER.indexOf(b)];
  return i === j ? a.localeCompare(b) : i === -1 ? 1 : j === -1 ? -1 : i - j;
};

/** Section by section, numbers as numbers: rfc3207/4/… before rfc3207/4.2/…, 4.1.4 before 4.5.3. */
const collator = new Intl.Collator('en', { numeric: true });
const byId = (a: string, b: string) => {
  const [x, y] = [a.split('/'), b.split('/')];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = collator.compare(x[i]!, y[i]!);
    if (order !== 0) return order;
  }
  return x.length - y.length;
};

/** A verdict of the closed list as it is; anything else results.json holds is escaped like any untrusted text. */
const cell = (verdict: string) => ((VERDICTS as readonly string[]).includes(verdict) || verdict === MISSING ? verdict : markdownText(verdict));
const portCell = (port: string) => (PORT_ORDER.includes(port) ? port : markdownText(port));

export interface HardenedRow {
  caseId: string;
  /** Port labels whose stock and hardened verdicts are these two, e.g. ["465", "587"]. */
  ports: string[];
  stock: string;
  hardened: string;
}

/**
 * Every case × port of one MTA that is not PASS on its stock or its hardened configuration, by case id, the ports of a case on which both verdicts agree in one row.
 */
export function hardenedRows(data: ResultsData, mta: string): HardenedRow[] {
  const [stock, hardened] = [configurationVerdicts(data, mta, 'stock'), configurationVerdicts(data, mta, 'hardened')];
  // By id, not in the order of the run's rows (which puts every 587-only case last): rfc3207/… rows stay together.
  const ids = [...new Set([...data.cases.map((c) => c.id), ...Object.keys(stock), ...Object.keys(hardened)])].sort(byId);
  return ids.flatMap((caseId) => {
    const labels = [...new Set([...Object.keys(stock[caseId] ?? {}), ...Object.keys(hardened[caseId] ?? {})])].sort(byPort);
    const groups = new Map<string, HardenedRow>();
    for (const port of labels) {
      const pair = { stock: stock[caseId]?.[port] ?? MISSING, hardened: hardened[caseId]?.[port] ?? MISSING };
      if (pair.stock === 'PASS' && pair.hardened === 'PASS') continue;
      const key = `${pair.stock}\n${pair.hardened}`;
      const row = groups.get(key);
      if (row) row.ports.push(port);
      else groups.set(key, { caseId, ports: [port], ...pair });
    }
    return [...groups.values()];
  });
}

/** One configuration's verdicts (case id → port → verdict) in the published run. */
function configurationVerdicts(data: ResultsData, mta: string, configuration: 'stock' | 'hardened'): ResultsData['verdicts'][string] {
  const t = data.targets.find((x) => lineOf(x) === mta && x.configuration === configuration);
  if (!t) throw new HardenedVerdictsError(`the published run has no ${mta}:${configuration} target`);
  return data.verdicts[t.name] ?? {};
}

function rowCount(data: ResultsData, mta: string, configuration: 'stock' | 'hardened'): number {
  return Object.values(configurationVerdicts(data, mta, configuration)).reduce((n, ports) => n + Object.keys(ports).length, 0);
}

/**
 * The verdicts section of docs/hardened/<mta>.md (what goes between the markers), from the published
 * run: a lead-in that is true of the table, the table, and where its verdicts come from. No run date:
 * a rerun with the same verdicts leaves the docs as they are.
 */
export function renderHardenedVerdicts(data: ResultsData, mta: string): string {
  const rows = hardenedRows(data, mta);
  const [stock, hardened] = [rowCount(data, mta, 'stock'), rowCount(data, mta, 'hardened')];
  const per = stock === hardened ? `${stock} case × port rows per configuration` : `${stock} case × port rows on stock and ${hardened} on hardened`;
  const shown = new Set(rows.flatMap((r) => [r.stock, r.hardened]));
  const legend = Object.keys(LEGEND).filter((v) => shown.has(v)).map((v) => LEGEND[v]!);
  const name = markdownText(mta);
  const lines = [
    NOTICE,
    '',
    `${per} in the published run; every row not listed is PASS in both configurations.${legend.length > 0 ? ` ${legend.join('; ')}.` : ''}`,
    '',
    ...(rows.length === 0
      ? ['Every row is PASS in both configurations.']
      : [
          '| case | port | stock | hardened |',
          '|---|---|---|---|',
          ...rows.map((r) => `| ${markdownText(r.caseId)} | ${r.ports.map(portCell).join(', ')} | ${cell(r.stock)} | ${cell(r.hardened)} |`),
        ]),
    '',
    `targets/${name}/findings.ts holds these verdicts with the reason for each; targets/${name}/${name}.test.ts checks a fresh run against it, and docs/results.md publishes the run.`,
  ];
  return `${lines.join('\n')}\n`;
}

function markerIndexes(doc: string, path: string): [number, number] {
  const count = (marker: string) => doc.split(marker).length - 1;
  const [begin, end] = [doc.indexOf(VERDICTS_BEGIN), doc.indexOf(VERDICTS_END)];
  if (count(VERDICTS_BEGIN) !== 1 || count(VERDICTS_END) !== 1 || end < begin) {
    throw new HardenedVerdictsError(`${path} needs one "${VERDICTS_BEGIN}" line and, after it, one "${VERDICTS_END}" line`);
  }
  return [begin + VERDICTS_BEGIN.length, end];
}

/** What a doc holds between its markers (the newline after the begin marker not included). */
export function verdictsSection(doc: string, path = 'the document'): string {
  const [from, to] = markerIndexes(doc, path);
  return doc.slice(from, to).replace(/^\r?\n/, '');
}

/** The doc with `section` between its markers and everything else as it was. */
export function withVerdictsSection(doc: string, section: string, path = 'the document'): string {
  const [from, to] = markerIndexes(doc, path);
  return `${doc.slice(0, from)}\n${section}${doc.slice(to)}`;
}
