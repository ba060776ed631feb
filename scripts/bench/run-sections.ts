// Sections of `npm run bench` about whole runs: the full suite on one warm target, msaspec beside
// Debian's testssl.sh on the same ports, and the matrix of every target warm (and cold with --cold).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRunContainers } from '../../targets/engine/cleanup.ts';
import { configureTestcontainersEnv, probeDockerEngine } from '../../targets/engine/docker-engine.ts';
import { MTA_TARGETS } from '../../targets/registry.ts';
import { PROJECT_ROOT } from '../../app/cli/project-root.ts';
import type { CaseResult } from '../../harness/model/result.ts';
import type { ResolvedTarget } from '../../harness/model/target.ts';
import { DEFAULT_TIMEOUTS } from '../../harness/run/case-context.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../../harness/run/connection-limiter.ts';
import { plannedRows } from '../../app/plan/planned-rows.ts';
import { runCase } from '../../harness/run/run-case.ts';
import { EndpointHealth } from '../../harness/run/endpoint-health.ts';
import { resolveTargets, type ResolvedRun } from '../../app/provision/resolve-targets.ts';
import { planRun } from '../../app/plan/run-plan.ts';
import type { Report } from '../../reports/report-model.ts';
import { ALL_CASES } from '../../suites/index.ts';

export interface BenchSection {
  name: string;
  run(print: (line: string) => void): Promise<void>;
}

const argv = process.argv.slice(2);
/** `--cold`: the matrix also runs with its target images removed first (rebuilds them: minutes). */
const COLD = argv.includes('--cold');
/** `--no-testssl`: skip the comparison (testssl.sh takes minutes per port). */
const TESTSSL = !argv.includes('--no-testssl');
/** `--connections N`: the per-target connection limit for msaspec's runs here (default: the CLI's). */
const CONNECTIONS = Number(argv[argv.indexOf('--connections') + 1]) || DEFAULT_CONNECTIONS_PER_TARGET;
/** `--cli-runs N`: fresh `msaspec run` processes timed per measurement (default 3); the median counts. */
const CLI_RUNS = Number(argv[argv.indexOf('--cli-runs') + 1]) || 3;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(0)} MiB`;

function verdictCounts(results: readonly Pick<CaseResult, 'verdict'>[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
}

/** Largest RSS this process reaches while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  try {
    const value = await work();
    return { value, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** Every row of the catalogue on one target, both ports, as `msaspec run` runs them (app/runner/case-rows.ts). */
async function suiteInProcess(target: ResolvedTarget): Promise<string[]> {
  const limiter = new ConnectionLimiter(CONNECTIONS);
  const controls = { limiter, health: new EndpointHealth() };
  const rows = plannedRows(ALL_CASES, target.planned ?? target.name);
  const cpu = process.cpuUsage();
  // Slots in use, sampled: a property-based case's runs go on side by side, so its own duration
  // says little about how much of the connection limit it took.
  let slotSamples = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    slotSamples += limiter.used;
    samples += 1;
  }, 10);
  const started = Date.now();
  const { value: results, peakRss } = await withPeakRss(() => Promise.all(rows.map(({ testCase, port }) => runCase(testCase, target, port, DEFAULT_TIMEOUTS, 'default', controls))));
  const wall = Date.now() - started;
  clearInterval(sampler);
  const used = process.cpuUsage(cpu);
  const longest = [...results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 4);
  return [
    `${rows.length} rows in ${seconds(wall)} (${verdictCounts(results)}); ${results.reduce((n, r) => n + (r.connections ?? 0), 0)} connections, ` +
      `at most ${limiter.peak} at once; CPU ${seconds((used.user + used.system) / 1000)}; peak RSS ${mib(peakRss)}`,
    `  connection slots in use: ${(slotSamples / Math.max(1, samples)).toFixed(1)} of ${CONNECTIONS} on average; longest rows: ${longest.map((r) => `${r.caseId} [${r.port}] ${seconds(r.durationMs)}`).join(', ')}`,
  ];
}

interface Timed {
  code: number | null;
  wallMs: number;
  /** Peak resident set of the process tree's largest process, from GNU time. */
  maxRssKb?: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time (when present) for its peak RSS; never through a shell. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  const gnuTime = existsSync('/usr/bin/time');
  const marker = '__msaspec_bench_rss_kb=';
  const [bin, binArgs] = gnuTime ? ['/usr/bin/time', ['-f', `${marker}%M`, command, ...args]] : [command, args];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, binArgs as string[], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      const match = new RegExp(`${marker}(\\d+)`).exec(stderr);
      resolve({ code, wallMs: Date.now() - started, ...(match ? { maxRssKb: Number(match[1]) } : {}), stdout, stderr: stderr.replace(new RegExp(`${marker}\\d+\\n?`), '') });
    });
  });
}

/** `msaspec run` against a target that already runs, as an external host, as a user would. */
async function cliAgainst(target: ResolvedTarget, dir: string): Promise<{ timedRun: Timed; report?: Report }> {
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, target.ca ?? '');
  const out = join(dir, `cli-${randomBytes(3).toString('hex')}`);
  const args = [
    join(PROJECT_ROOT, 'bin/msaspec.js'), 'run', '--host', target.host,
    '--implicit-port', String(target.ports.implicit ?? 'none'), '--starttls-port', String(target.ports.starttls ?? 'none'),
    '--servername', target.servername, '--ca', ca, '--connections', String(CONNECTIONS), '--out', out, '--format', 'json',
    ...(target.user ? ['--user', target.user] : []),
  ];
  const timedRun = await timed(process.execPath, args, { ...process.env, MSASPEC_PASSWORD: target.password ?? '' });
  const path = join(out, 'report.json');
  return { timedRun, ...(existsSync(path) ? { report: JSON.parse(readFileSync(path, 'utf8')) as Report } : {}) };
}

/** `CLI_RUNS` fresh processes one after another; each is printed, the median wall time is returned. */
async function cliRuns(target: ResolvedTarget, dir: string, print: (line: string) => void): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const run = await cliAgainst(target, dir);
    print(describeCli(run));
    walls.push(run.timedRun.wallMs);
  }
  const sorted = [...walls].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  print(`msaspec run: median ${seconds(median)} of ${walls.length} (${sorted.map(seconds).join(', ')})`);
  return median;
}

function describeCli({ timedRun, report }: { timedRun: Timed; report?: Report }): string {
  if (!report) return `msaspec run exited ${timedRun.code} without a report: ${timedRun.stderr.trim().split('\n').slice(-2).join(' | ')}`;
  const connections = report.results.reduce((n, r) => n + (r.connections ?? 0), 0);
  return (
    `msaspec run (a new process, as an external host): ${report.results.length} rows in ${seconds(timedRun.wallMs)} wall ` +
    `(report ${seconds(report.durationMs)}; ${verdictCounts(report.results)}); ${connections} connections; ` +
    `peak RSS ${timedRun.maxRssKb ? mib(timedRun.maxRssKb * 1024) : 'unknown'}`
  );
}

/** Debian's testssl.sh on one port: loopback only, no DNS, no phoning out (no --phone-out). */
async function testssl(target: ResolvedTarget, port: 'implicit' | 'starttls'): Promise<Timed> {
  const number = target.ports[port];
  const args = ['--quiet', '--color', '0', '--warnings', 'off', '--nodns', 'none', '--connect-timeout', '10', '--openssl-timeout', '10'];
  if (port === 'starttls') args.push('--starttls', 'smtp');
  args.push(`${target.host}:${number}`);
  return timed('testssl', args);
}

function testsslAvailable(): boolean {
  return spawnSync('testssl', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts a built-in target (not timed as part of the suite); `stop` also removes its containers. */
async function startBuiltin(name: string, print: (line: string) => void): Promise<{ target?: ResolvedTarget; stop: () => Promise<void> }> {
  const runId = `bench-${randomBytes(4).toString('hex')}`;
  const plan = planRun({ runId, targets: [{ type: 'builtin', name }] });
  const started = Date.now();
  const run: ResolvedRun = await resolveTargets(plan, () => undefined);
  const stop = async () => {
    await run.stop();
    await removeRunContainers(runId);
  };
  const target = run.targets[0];
  if (!target) print(`${name}: did not start: ${run.errors.join('; ')}`);
  else print(`${name}: started in ${seconds(Date.now() - started)} (not counted below)`);
  return { ...(target ? { target } : {}), stop };
}

async function engineTargets(print: (line: string) => void): Promise<string[]> {
  const engine = await probeDockerEngine();
  if (!engine.ok) {
    print(`container targets skipped: no Docker Engine (${engine.reason})`);
    return ['flawed'];
  }
  configureTestcontainersEnv();
  return ['flawed', 'postfix:hardened'];
}

export const RUN_SECTIONS: BenchSection[] = [
  {
    name: `Full suite on both ports of one warm target (${CONNECTIONS} connections per target)`,
    async run(print) {
      const dir = mkdtempSync(join(tmpdir(), 'msaspec-bench-'));
      try {
        for (const name of await engineTargets(print)) {
          const { target, stop } = await startBuiltin(name, print);
          try {
            if (!target) continue;
            print(`${name}, in process (first pass):`);
            for (const line of await suiteInProcess(target)) print(`  ${line}`);
            print(`${name}, in process (second pass):`);
            for (const line of await suiteInProcess(target)) print(`  ${line}`);
            await cliRuns(target, dir, (line) => print(`${name}: ${line}`));
          } finally {
            await stop();
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'msaspec beside testssl.sh on the same warm target and ports (postfix:hardened)',
    async run(print) {
      if (!TESTSSL) return print('skipped (--no-testssl)');
      if (!testsslAvailable()) return print('skipped: testssl.sh is not installed (Debian: apt-get install testssl.sh)');
      const engine = await probeDockerEngine();
      if (!engine.ok) return print(`skipped: no Docker Engine (${engine.reason})`);
      configureTestcontainersEnv();
      const dir = mkdtempSync(join(tmpdir(), 'msaspec-bench-'));
      const { target, stop } = await startBuiltin('postfix:hardened', print);
      try {
        if (!target) return;
        const mine = await cliRuns(target, dir, print);
        let theirs = 0;
        for (const port of ['implicit', 'starttls'] as const) {
          const run = await testssl(target, port);
          theirs += run.wallMs;
          const findings = run.stdout.split('\n').filter((l) => l.trim()).length;
          print(`testssl.sh ${port === 'implicit' ? '465' : '587 --starttls smtp'}: ${seconds(run.wallMs)} (exit ${run.code}, ${findings} output lines, peak RSS ${run.maxRssKb ? mib(run.maxRssKb * 1024) : 'unknown'})`);
        }
        print(`ratio: testssl.sh ${seconds(theirs)} / msaspec ${seconds(mine)} = ${(theirs / mine).toFixed(1)}× (target ≥ 30×)`);
      } finally {
        await stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: `Matrix: every built-in target in one run, warm${COLD ? ' and cold (--cold: images removed first)' : ' (add --cold to also time it with the images removed)'}`,
    async run(print) {
      const engine = await probeDockerEngine();
      if (!engine.ok) return print(`skipped: no Docker Engine (${engine.reason})`);
      const dir = mkdtempSync(join(tmpdir(), 'msaspec-bench-'));
      const matrix = async (label: string) => {
        const out = join(dir, label);
        const run = await timed(process.execPath, [join(PROJECT_ROOT, 'bin/msaspec.js'), 'run', '--target', 'all', '--target', 'flawed', '--connections', String(CONNECTIONS), '--out', out, '--format', 'json']);
        const path = join(out, 'report.json');
        if (!existsSync(path)) return print(`${label}: exited ${run.code} without a report`);
        const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
        const connections = report.results.reduce((n, r) => n + (r.connections ?? 0), 0);
        const built = run.stderr.split('\n').filter((l) => /: built /.test(l)).length;
        print(
          `${label}: ${report.targets.length} targets, ${report.results.length} rows in ${seconds(run.wallMs)} (${verdictCounts(report.results)}); ${built} image(s) built; ` +
            `${connections} connections; peak RSS ${run.maxRssKb ? mib(run.maxRssKb * 1024) : 'unknown'}${report.runErrors.length ? `; run errors: ${report.runErrors.join(' | ')}` : ''}`,
        );
      };
      try {
        if (COLD) {
          const images = MTA_TARGETS.map((name) => name.split(':')[0]).filter((mta, i, all) => mta && all.indexOf(mta) === i);
          for (const mta of images) {
            const ids = spawnSync('docker', ['images', '-q', `msaspec/${mta}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
            if (ids.length) spawnSync('docker', ['rmi', '-f', ...new Set(ids)], { stdio: 'ignore' });
          }
          print(`removed the images of ${images.join(', ')} (the base image stays)`);
          await matrix('cold');
        }
        await matrix('warm');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
