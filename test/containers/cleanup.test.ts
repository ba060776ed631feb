import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  ownerIsAlive,
  removeRunContainers,
  removeRunContainersSync,
  removeStaleContainers,
  runLabels,
} from '../../targets/engine/cleanup.ts';
import { probeDockerEngine } from '../../targets/engine/docker-engine.ts';
import { BASE_IMAGE, localImageId } from '../../targets/images/base-image.ts';

// Real containers need an engine and the base image (`npm test` makes both first).
const engine = await probeDockerEngine(5_000);
const haveBase = engine.ok && (await localImageId(BASE_IMAGE)) !== undefined;

function dockerSync(...args: string[]): string {
  const r = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function labelArgs(labels: Record<string, string>): string[] {
  return Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
}

function exists(id: string): boolean {
  return spawnSync('docker', ['container', 'inspect', id], { stdio: 'ignore' }).status === 0;
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync('true');
  return r.pid ?? 999_999;
}

describe('runLabels', () => {
  it('labels the run and this process', () => {
    expect(runLabels('r1')).toEqual({ 'msaspec.managed': 'true', 'msaspec.run': 'r1', 'msaspec.pid': String(process.pid) });
  });
});

describe('ownerIsAlive', () => {
  it('is true for this process and a container created now', () => {
    expect(ownerIsAlive(process.pid, Date.now())).toBe(true);
  });
  it('is false for a dead pid or a nonsense one', () => {
    expect(ownerIsAlive(deadPid(), Date.now())).toBe(false);
    expect(ownerIsAlive(Number.NaN, Date.now())).toBe(false);
  });
  it('is false when the process is younger than the container (pid reused)', () => {
    expect(ownerIsAlive(process.pid, Date.parse('2000-01-01T00:00:00Z'))).toBe(false);
  });
});

describe.skipIf(!haveBase)('container cleanup against the real engine', () => {
  const runId = `cleanup-test-${process.pid}-${Date.now()}`;

  it('removes the containers of dead owners only, then a run removes its own', async () => {
    const live = dockerSync('run', '-d', ...labelArgs(runLabels(runId)), BASE_IMAGE, 'sleep', '120');
    const staleLabels = { ...runLabels(`${runId}-killed`), 'msaspec.pid': String(deadPid()) };
    const stale = dockerSync('create', ...labelArgs(staleLabels), BASE_IMAGE, 'true');
    try {
      const lines: string[] = [];
      const removed = await removeStaleContainers((l) => lines.push(l));
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(exists(stale)).toBe(false);
      expect(exists(live)).toBe(true);
      expect(lines.join('\n')).toContain(`${runId}-killed`);

      expect(await removeRunContainers(runId)).toBe(1);
      expect(exists(live)).toBe(false);
    } finally {
      spawnSync('docker', ['rm', '-f', live, stale], { stdio: 'ignore' });
    }
  }, 60_000);

  it('removeRunContainersSync removes a run\'s containers; unknown runs are a no-op', () => {
    const id = dockerSync('create', ...labelArgs(runLabels(`${runId}-sync`)), BASE_IMAGE, 'true');
    try {
      expect(removeRunContainersSync(`${runId}-sync`)).toBe(1);
      expect(exists(id)).toBe(false);
      expect(removeRunContainersSync(`${runId}-none`)).toBe(0);
    } finally {
      spawnSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
    }
  }, 60_000);
});
