// `npm run stability -- --runs N`: the full suite N times against Postfix and the flawed target (with
// a few flaw sets), each run a fresh `msaspec run` process; prints every row whose verdict changed
// between runs and exits 1 if there is one. Property-based cases use one fixed seed, so a change is
// the harness's or the server's doing, never the generator's.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../app/cli/project-root.ts';
import type { CaseResult } from '../harness/model/result.ts';
import type { Report } from '../reports/report-model.ts';
import { verdictChanges } from './stability/verdict-changes.ts';

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const RUNS = Number(flag('--runs') ?? 3);
const SEED = flag('--seed') ?? '1';
const WITHOUT_POSTFIX = argv.includes('--no-postfix');
if (!Number.isInteger(RUNS) || RUNS < 2) {
  console.error('usage: npm run stability -- --runs N (N ≥ 2) [--seed S] [--no-postfix]');
  process.exit(3);
}

/** One `msaspec run` per entry and run; its rows are compared with the same entry's other runs. */
const INVOCATIONS: { name: string; args: string[] }[] = [
  ...(WITHOUT_POSTFIX ? [{ name: 'flawed', args: ['--target', 'flawed'] }] : [{ name: 'postfix + flawed', args: ['--target', 'postfix', '--target', 'flawed'] }]),
  { name: 'flawed: inject, keep-ehlo', args: ['--target', 'flawed', '--flaw', 'inject', '--flaw', 'keep-ehlo'] },
  { name: 'flawed: tls12-missing, no-close-notify', args: ['--target', 'flawed', '--flaw', 'tls12-missing', '--flaw', 'no-close-notify'] },
  { name: 'flawed: starttls-after-tls, quit-no-close, pipelining-broken', args: ['--target', 'flawed', '--flaw', 'starttls-after-tls', '--flaw', 'quit-no-close', '--flaw', 'pipelining-broken'] },
];

function runOnce(args: string[], out: string): Promise<{ results: CaseResult[]; ms: number; runErrors: string[] }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/msaspec.js'), 'run', ...args, '--seed', SEED, '--out', out, '--format', 'json'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      const path = join(out, 'report.json');
      if (!existsSync(path)) return reject(new Error(`msaspec run ${args.join(' ')} exited ${code} without a report: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
      resolve({ results: report.results, ms: Date.now() - started, runErrors: report.runErrors });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'msaspec-stability-'));
let changed = 0;
let compared = 0;
try {
  for (const invocation of INVOCATIONS) {
    const runs: CaseResult[][] = [];
    const times: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const { results, ms, runErrors } = await runOnce(invocation.args, join(dir, `${invocation.name.replace(/\W+/g, '-')}-${i}`));
      runs.push(results);
      times.push(ms);
      if (runErrors.length) console.log(`  ${invocation.name} run ${i}: run errors: ${runErrors.join(' | ')}`);
    }
    const changes = verdictChanges(runs);
    const rows = new Set(runs.flat().map((r) => `${r.target}|${r.caseId}|${r.port}`)).size;
    const errors = runs[0]?.filter((r) => r.verdict === 'ERROR').length ?? 0;
    compared += rows;
    changed += changes.length;
    console.log(
      `${invocation.name}: ${RUNS} runs × ${rows} rows, ${changes.length} changed verdict(s); ${errors} ERROR row(s) in run 1; ` +
        `${(times.reduce((a, b) => a + b, 0) / times.length / 1000).toFixed(1)} s per run`,
    );
    for (const change of changes) {
      console.log(`  CHANGED ${change.row}: ${change.verdicts.join(' ')}`);
      for (const [verdict, actual] of Object.entries(change.actual)) console.log(`    ${verdict}: ${actual.slice(0, 240)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${compared} rows compared over ${RUNS} runs each (seed ${SEED}): ${changed === 0 ? 'no verdict changed' : `${changed} verdict(s) changed`}`);
process.exit(changed === 0 ? 0 : 1);
