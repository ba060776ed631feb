// `npm run bench`: timings the project tracks, one section per measurement. A section gets a
// description and a function that prints its rows; add a section for a new measurement.
import { randomBytes } from 'node:crypto';
import { removeRunContainers } from '../targets/engine/cleanup.ts';
import { configureTestcontainersEnv, probeDockerEngine } from '../targets/engine/docker-engine.ts';
import { provisionFlawed } from '../targets/flawed/flawed-target.ts';
import type { PortKind } from '../harness/model/port.ts';
import type { ResolvedTarget } from '../harness/model/target.ts';
import { CertificateAuthority } from '../harness/pki/certificate-authority.ts';
import { DEFAULT_TIMEOUTS } from '../harness/run/case-context.ts';
import { ConnectionLimiter, DEFAULT_CONNECTIONS_PER_TARGET } from '../harness/run/connection-limiter.ts';
import { runCase } from '../harness/run/run-case.ts';
import { planRun } from '../app/plan/run-plan.ts';
import { resolveTargets } from '../app/provision/resolve-targets.ts';
import { ALL_CASES } from '../suites/index.ts';
import { RUN_SECTIONS } from './bench/run-sections.ts';

interface Section {
  name: string;
  run(print: (line: string) => void): Promise<void>;
}

const TLS_CASES = ALL_CASES.filter((c) => c.id.startsWith('tls/') || c.id.startsWith('certificates/'));

/** The TLS and certificate cases on one port, side by side within the run's per-target connection limit, as `msaspec run` runs them. */
async function timeTlsSuite(target: ResolvedTarget, port: PortKind): Promise<string> {
  const cases = TLS_CASES.filter((c) => c.scope !== 'target' || port === 'implicit');
  const started = Date.now();
  const limiter = new ConnectionLimiter(DEFAULT_CONNECTIONS_PER_TARGET);
  const results = await Promise.all(cases.map((c) => runCase(c, target, port, DEFAULT_TIMEOUTS, 'default', { limiter })));
  const ms = Date.now() - started;
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const verdicts = [...counts].map(([v, n]) => `${n} ${v}`).join(', ');
  return `${target.name} ${port === 'implicit' ? '465' : '587'}: ${cases.length} cases in ${ms} ms (${verdicts}; at most ${limiter.peak} connections at once)`;
}

const SECTIONS: Section[] = [
  {
    name: 'TLS and certificate suites per port, flawed target (no flaw)',
    async run(print) {
      const ca = await CertificateAuthority.create('msaspec bench CA');
      const flawed = await provisionFlawed({ runId: 'bench', ca, password: randomBytes(12).toString('hex'), log: () => undefined }, []);
      try {
        for (const port of ['implicit', 'starttls'] as const) print(await timeTlsSuite(flawed.target, port));
      } finally {
        await flawed.stop();
      }
    },
  },
  {
    name: 'TLS and certificate suites per port, Postfix (when a Docker Engine answers)',
    async run(print) {
      const engine = await probeDockerEngine();
      if (!engine.ok) return print(`skipped: no Docker Engine (${engine.reason})`);
      configureTestcontainersEnv();
      for (const name of ['postfix:hardened', 'postfix:stock']) {
        const runId = `bench-${randomBytes(4).toString('hex')}`;
        const plan = planRun({ runId, targets: [{ type: 'builtin', name }] });
        const started = Date.now();
        const run = await resolveTargets(plan, () => undefined);
        try {
          const target = run.targets[0];
          if (!target) {
            print(`${name}: did not start: ${run.errors.join('; ')}`);
            continue;
          }
          print(`${name}: started in ${Date.now() - started} ms`);
          for (const port of ['implicit', 'starttls'] as const) print(await timeTlsSuite(target, port));
        } finally {
          await run.stop();
          await removeRunContainers(runId);
        }
      }
    },
  },
  ...RUN_SECTIONS,
];

// `npm run bench -- --section <text>` runs only the sections whose name contains <text> (repeatable).
const wanted = process.argv.flatMap((arg, i, all) => (all[i - 1] === '--section' ? [arg.toLowerCase()] : []));
for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.some((w) => s.name.toLowerCase().includes(w)))) {
  console.log(`\n## ${section.name}`);
  const started = Date.now();
  await section.run((line) => console.log(`  ${line}`));
  console.log(`  (section ${Date.now() - started} ms)`);
}
