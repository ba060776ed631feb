// A real run against the Postfix container, interrupted while the container runs: SIGINT and SIGTERM
// leave no container or network with the run's label; a run killed outright (SIGKILL) leaves its
// container behind, and the next run removes it by label before it starts its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PID_LABEL, RUN_LABEL } from '../../targets/engine/cleanup.ts';
import { probeDockerEngine } from '../../targets/engine/docker-engine.ts';
import { startCli, tempDir, waitFor } from './cli-process.ts';

const engine = await probeDockerEngine(5_000);
/** cli-process points DOCKER_HOST nowhere by default; these runs need the real engine. */
const DOCKER_ENV = { DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
const dir = tempDir('msaspec-teardown-');

function docker(...args: string[]): string[] {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...DOCKER_ENV } });
  return r.status === 0 ? r.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

/** Containers, running or not, and networks that carry `label`. */
function labelled(label: string): { containers: string[]; networks: string[] } {
  return { containers: docker('ps', '-aq', '--filter', `label=${label}`), networks: docker('network', 'ls', '-q', '--filter', `label=${label}`) };
}

/** Starts a Postfix run and waits until its container runs; returns the CLI and the container's run label. */
async function runningPostfix(name: string, extra: string[] = []) {
  const cli = startCli(['run', '--target', 'postfix', '--out', join(dir, name), ...extra], { env: DOCKER_ENV, timeoutMs: 280_000 });
  const pid = cli.child.pid!;
  let container = '';
  // A fresh image build can take minutes; then the container starts in seconds.
  await waitFor(() => (container = docker('ps', '-q', '--filter', `label=${PID_LABEL}=${pid}`, '--filter', 'status=running')[0] ?? '') !== '', 260_000, `the ${name} run's container`);
  const [runId = ''] = docker('inspect', '--format', `{{index .Config.Labels "${RUN_LABEL}"}}`, container);
  expect(runId).not.toBe('');
  return { cli, pid, container, runId };
}

describe.skipIf(!engine.ok).concurrent('a real run interrupted while its container runs', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} removes every container and network with the run's label`, { timeout: 300_000 }, async () => {
      const { cli, pid, runId } = await runningPostfix(signal);
      process.kill(pid, signal);
      const result = await cli.done;
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(new RegExp(`msaspec: ${signal}: run stopped, [1-9]\\d* container\\(s\\) removed`));
      expect(labelled(`${RUN_LABEL}=${runId}`)).toEqual({ containers: [], networks: [] });
      expect(labelled(`${PID_LABEL}=${pid}`).containers).toEqual([]);
    });
  }
});

// Alone, after the others: a concurrent run's own start-up sweep would remove the killed run's container first.
describe.skipIf(!engine.ok)('a run killed outright', () => {
  it('a run killed with SIGKILL leaves its container; the next run removes it by label at start', { timeout: 600_000 }, async () => {
    const killed = await runningPostfix('SIGKILL');
    // Only the CLI's own process group: this test started it.
    process.kill(-killed.pid, 'SIGKILL');
    await killed.cli.done;
    expect(labelled(`${RUN_LABEL}=${killed.runId}`).containers).toEqual([killed.container]);

    const next = await runningPostfix('after-SIGKILL', ['--only', 'rfc3207/4/starttls-advertised']);
    // Its own container runs, so its start-up sweep is over.
    expect(labelled(`${RUN_LABEL}=${killed.runId}`)).toEqual({ containers: [], networks: [] });
    const result = await next.cli.done;
    expect(result.stderr).toMatch(/removing \d+ stale container\(s\) left by ended run\(s\)/);
    expect(result.stderr).toContain(killed.runId);
    expect(result.code).toBe(0);
    expect(labelled(`${RUN_LABEL}=${next.runId}`)).toEqual({ containers: [], networks: [] });
  });
});
