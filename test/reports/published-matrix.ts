// A report shaped like a real `msaspec run --target all`, rebuilt from the published matrix
// (docs/results.json: every MTA, stock and hardened, every case × port and its verdict) with what a
// run adds around the verdicts: each target's waivers as its findings.ts gives them (the long
// reasons included), image, package and relay facts, and a short wire log per row. The layout test
// (test/cli/html-browser.test.ts) renders it without starting fourteen containers. Not a test file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CaseResult } from '../../harness/model/result.ts';
import type { TargetSummary, Waiver } from '../../harness/model/target.ts';
import { verdictLabel } from '../../harness/model/verdict.ts';
import type { ResultsData } from '../../reports/results-data.ts';
import type { Report } from '../../reports/report-model.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { TARGET_FINDINGS } from '../../targets/findings.ts';
import { waiversOf } from '../../targets/target-findings.ts';
import { report } from './fixtures.ts';

const PUBLISHED = resolve(import.meta.dirname, '../../docs/results.json');
const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

export interface MatrixShape {
  /** Only these targets, in the published order (default: all of them). */
  targets?: readonly string[];
  /** Extra waivers with long reasons per target, to show that they do not grow the page. */
  extraWaivers?: number;
  /** Every case this many times (copies get their own ids), to show how the page grows with rows. */
  copies?: number;
  /** Every target this many times (as further release lines would add: "postfix@line2:stock"), for a wide matrix. */
  lines?: number;
}

function waiverMatches(w: Waiver, caseId: string, requirements: readonly string[], port: string): boolean {
  const kind = port === '465' ? 'implicit' : port === '587' ? 'starttls' : undefined;
  if (w.port && w.port !== kind) return false;
  return caseId.startsWith(w.pattern) || requirements.includes(w.pattern);
}

export function publishedMatrixReport(shape: MatrixShape = {}): Report {
  const data = JSON.parse(readFileSync(PUBLISHED, 'utf8')) as ResultsData;
  const publishedTargets = data.targets.filter((t) => !shape.targets || shape.targets.includes(t.name));
  const chosen = Array.from({ length: shape.lines ?? 1 }, (_, line) =>
    publishedTargets.map((t) => (line === 0 ? t : { ...t, name: t.name.replace(':', `@line${line + 1}:`) })),
  ).flat();
  // A copied line's verdicts are its original's.
  const original = (name: string) => name.replace(/@line\d+:/, ':');
  const targets: TargetSummary[] = chosen.map((t, i) => {
    const own = waiversOf(TARGET_FINDINGS[t.mta]!.configurations[t.configuration as 'stock' | 'hardened']);
    const extra = Array.from({ length: shape.extraWaivers ?? 0 }, (_, n): Waiver => ({
      pattern: `rfc5321/4.5.3.1.4/extra-waiver-${n}`,
      reason: `Waived: a long reason that a vendor writes in full, naming the setting, the package version that changes it and the upstream report (${n}); it must wrap as text.`,
    }));
    return {
      name: t.name,
      planned: t.name,
      kind: 'container',
      host: '127.0.0.1',
      ports: { implicit: 33000 + 2 * i + 1, starttls: 33000 + 2 * i },
      servername: 'mail.example.test',
      user: 'alice',
      waivers: [...own, ...extra],
      facts: {
        profile: t.configuration,
        image: `msaspec/${t.mta}:${hex(t.mta, 16)}`,
        imageId: `sha256:${hex(`${t.mta} image`, 64)}`,
        ...(t.packages ? { packages: t.packages } : {}),
        relay: '[172.17.0.1]:38329',
      },
      caProvided: true,
    };
  });

  const results: CaseResult[] = [];
  for (let copy = 0; copy < (shape.copies ?? 1); copy += 1) {
    for (const published of data.cases) {
      const definition = ALL_CASES.find((c) => c.id === published.id);
      if (!definition) continue;
      const caseId = copy === 0 ? published.id : `${published.id}-copy${copy}`;
      for (const target of targets) {
        for (const [port, verdict] of Object.entries(data.verdicts[original(target.name)]?.[published.id] ?? {})) {
          const waiver = target.waivers.find((w) => waiverMatches(w, published.id, published.requirements, port));
          const violated = data.violated?.[original(target.name)]?.[published.id]?.[port];
          results.push({
            caseId,
            title: published.title,
            requirements: published.requirements,
            ...(violated ? { violated } : {}),
            level: definition.level,
            category: definition.category,
            source: definition.source,
            target: target.name,
            port,
            verdict,
            expected: definition.expected,
            actual: `${verdictLabel(verdict, definition.category)} on ${target.name} port ${port} (published matrix)`,
            ...(waiver && (verdict === 'XFAIL' || verdict === 'XPASS') ? { waiver: waiver.reason } : {}),
            durationMs: 40,
            transcript: [
              { t: 0, dir: '*', tls: false, text: `connected to 127.0.0.1:${port === '465' ? target.ports.implicit : target.ports.starttls}` },
              { t: 1, dir: 'S', tls: false, text: '220 mail.example.test ESMTP' },
              { t: 2, dir: 'C', tls: false, text: 'STARTTLS' },
              { t: 3, dir: 'S', tls: false, text: '220 2.0.0 Ready to start TLS' },
              { t: 4, dir: '*', tls: true, text: 'TLS established: TLSv1.3' },
              { t: 5, dir: 'C', tls: true, text: 'EHLO client.msaspec.test' },
              { t: 6, dir: 'S', tls: true, text: '250-mail.example.test\n250 AUTH PLAIN' },
            ],
          });
        }
      }
    }
  }
  return report(results, { targets, startedAt: data.startedAt, durationMs: 111_700 });
}
