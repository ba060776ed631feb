// Labelling and cleanup of the containers msaspec starts, without Ryuk (whose
// image would have to come from a registry).
//
// Every container (and network) a run creates carries runLabels(runId):
//   msaspec.managed=true, msaspec.run=<runId>, msaspec.pid=<pid of the creating process>
// A run removes its own containers when it ends (removeRunContainers, or the
// synchronous variant from a signal/exit handler); the next run removes what a
// killed run left behind (removeStaleContainers: owner pid no longer alive).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { docker, findExecutable } from './docker-cli.ts';

export const MANAGED_LABEL = 'msaspec.managed';
export const RUN_LABEL = 'msaspec.run';
export const PID_LABEL = 'msaspec.pid';

const LIST_TIMEOUT_MS = 20_000;
const RM_TIMEOUT_MS = 60_000;
/** Clock slack when comparing a process's start time with a container's creation time. */
const START_SLACK_MS = 60_000;

export function runLabels(runId: string): Record<string, string> {
  return {
    [MANAGED_LABEL]: 'true',
    [RUN_LABEL]: runId,
    [PID_LABEL]: String(process.pid),
  };
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Removes (docker rm -f -v) every container, then every network, labelled msaspec.run=runId. Never throws. */
export async function removeRunContainers(runId: string): Promise<number> {
  try {
    const filter = `label=${RUN_LABEL}=${runId}`;
    const ps = await docker(['ps', '-aq', '--filter', filter], { timeoutMs: LIST_TIMEOUT_MS });
    const ids = ps.ok ? lines(ps.stdout) : [];
    let removed = 0;
    if (ids.length > 0) {
      const rm = await docker(['rm', '-f', '-v', ...ids], { timeoutMs: RM_TIMEOUT_MS });
      removed = lines(rm.stdout).length;
    }
    const nets = await docker(['network', 'ls', '-q', '--filter', filter], { timeoutMs: LIST_TIMEOUT_MS });
    if (nets.ok && lines(nets.stdout).length > 0) {
      await docker(['network', 'rm', ...lines(nets.stdout)], { timeoutMs: RM_TIMEOUT_MS });
    }
    return removed;
  } catch {
    return 0;
  }
}

/** Synchronous removeRunContainers, for process 'exit' and signal handlers. Never throws. */
export function removeRunContainersSync(runId: string): number {
  try {
    const bin = findExecutable('docker') ?? 'docker';
    const filter = `label=${RUN_LABEL}=${runId}`;
    const sync = (args: string[], timeout: number): string[] => {
      const r = spawnSync(bin, args, { encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
      return r.status === 0 ? lines(r.stdout) : [];
    };
    const ids = sync(['ps', '-aq', '--filter', filter], LIST_TIMEOUT_MS);
    const removed = ids.length > 0 ? sync(['rm', '-f', '-v', ...ids], RM_TIMEOUT_MS).length : 0;
    const nets = sync(['network', 'ls', '-q', '--filter', filter], LIST_TIMEOUT_MS);
    if (nets.length > 0) sync(['network', 'rm', ...nets], RM_TIMEOUT_MS);
    return removed;
  } catch {
    return 0;
  }
}

/** Start time of a live process (ms since the epoch), from /proc; undefined when unknown. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTicks = Number(fields[19]);
    const btimeLine = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    const btime = Number(btimeLine?.split(' ')[1]);
    if (!Number.isFinite(startTicks) || !Number.isFinite(btime)) return undefined;
    return btime * 1000 + (startTicks / 100) * 1000; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that created a container (pid from its label, created at
 * createdMs) still runs here: the pid is alive and that process is not younger
 * than the container (which would mean the pid was reused).
 */
export function ownerIsAlive(pid: number, createdMs: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartMs(pid);
  if (started !== undefined && Number.isFinite(createdMs) && started > createdMs + START_SLACK_MS) return false;
  return true;
}

interface Labelled {
  id: string;
  pid: number;
  run: string;
  createdMs: number;
}

async function inspectLabelled(kind: 'container' | 'network', ids: string[]): Promise<Labelled[]> {
  if (ids.length === 0) return [];
  const labels = kind === 'container' ? '.Config.Labels' : '.Labels';
  const format = `{{.Id}}\t{{index ${labels} "${PID_LABEL}"}}\t{{index ${labels} "${RUN_LABEL}"}}\t{{.Created}}`;
  const r = await docker([kind, 'inspect', '--format', format, ...ids], { timeoutMs: LIST_TIMEOUT_MS });
  // On partial failure (one vanished meanwhile) the others are still printed.
  return lines(r.stdout).map((l) => {
    const [id = '', pid = '', run = '', created = ''] = l.split('\t');
    return { id, pid: Number.parseInt(pid, 10), run, createdMs: Date.parse(created) };
  });
}

/**
 * Removes managed containers (and networks) whose creating process (msaspec.pid)
 * is no longer alive on this machine, e.g. left by a killed run. Containers
 * without a msaspec.pid label are left alone. Never throws; returns how many
 * containers it removed.
 */
export async function removeStaleContainers(log: (line: string) => void): Promise<number> {
  try {
    const filters = ['--filter', `label=${MANAGED_LABEL}=true`, '--filter', `label=${PID_LABEL}`];
    const ps = await docker(['ps', '-aq', '--no-trunc', ...filters], { timeoutMs: LIST_TIMEOUT_MS });
    if (!ps.ok) return 0;
    const stale = (await inspectLabelled('container', lines(ps.stdout))).filter((c) => !ownerIsAlive(c.pid, c.createdMs));
    let removed = 0;
    if (stale.length > 0) {
      const runs = [...new Set(stale.map((c) => `${c.run || '?'} (pid ${c.pid})`))];
      log(`removing ${stale.length} stale container(s) left by ended run(s): ${runs.join(', ')}`);
      const rm = await docker(['rm', '-f', '-v', ...stale.map((c) => c.id)], { timeoutMs: RM_TIMEOUT_MS });
      removed = lines(rm.stdout).length;
    }

    const nets = await docker(['network', 'ls', '-q', '--no-trunc', ...filters], { timeoutMs: LIST_TIMEOUT_MS });
    if (nets.ok) {
      const staleNets = (await inspectLabelled('network', lines(nets.stdout))).filter((n) => !ownerIsAlive(n.pid, n.createdMs));
      if (staleNets.length > 0) {
        log(`removing ${staleNets.length} stale network(s)`);
        await docker(['network', 'rm', ...staleNets.map((n) => n.id)], { timeoutMs: RM_TIMEOUT_MS });
      }
    }
    return removed;
  } catch (e) {
    log(`stale container cleanup failed: ${(e as Error).message}`);
    return 0;
  }
}
