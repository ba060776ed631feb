// Makes sure a Docker Engine answers before anything starts target MTAs.
//
// A developer machine usually has one already. A fresh CI machine (Debian
// bookworm, root) has none: there we install Debian's docker.io and start
// dockerd detached, so it outlives this process and serves the test run that
// follows.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker, findExecutable, firstLine, run, type CliResult } from './docker-cli.ts';

/** One-line, user-facing failure to get a Docker Engine. */
export class EngineError extends Error {
  override name = 'EngineError';
}

export const DOCKERD_LOG = '/var/log/msaspec-dockerd.log';

const DEFAULT_HOSTS = new Set(['unix:///var/run/docker.sock', 'unix:///run/docker.sock']);
const PROBE_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 60_000;
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export type EngineProbe = { ok: true; version: string } | { ok: false; reason: string };

/** Asks the engine (`docker version`; DOCKER_HOST, the current docker context, or the default socket) whether it answers. */
export async function probeDockerEngine(timeoutMs = PROBE_TIMEOUT_MS): Promise<EngineProbe> {
  if (!findExecutable('docker')) return { ok: false, reason: 'no docker client installed' };
  // `docker version` rather than `docker info --format`: on a dead daemon the 20.10
  // client's `info --format` reports a template error instead of the cause.
  const r = await docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs });
  const version = r.stdout.trim();
  if (r.ok && version !== '') return { ok: true, version };
  const lines = r.stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const telling = lines.find((l) => /cannot connect|permission denied|no such file|refused|timeout/i.test(l));
  return { ok: false, reason: telling ?? firstLine(r) };
}

export function isDebian(): boolean {
  return existsSync('/etc/debian_version');
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function engineLocation(): string {
  return process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'default socket';
}

/**
 * Returns when a Docker Engine answers (`docker version` reports a server); otherwise installs and
 * starts Debian's docker.io (Debian + root only) or throws EngineError.
 */
export async function ensureDockerEngine(log: (line: string) => void): Promise<void> {
  const probe = await probeDockerEngine();
  if (probe.ok) {
    log(`Docker Engine ${probe.version} answers (${engineLocation()})`);
    return;
  }

  const host = process.env.DOCKER_HOST;
  if (host && !DEFAULT_HOSTS.has(host)) {
    throw new EngineError(
      `DOCKER_HOST=${host} does not answer (${probe.reason}); start that engine, or unset DOCKER_HOST to use a local one`,
    );
  }
  if (!isDebian() || !isRoot()) {
    throw new EngineError(
      `no Docker Engine answers (${probe.reason}); install and start Docker (e.g. \`sudo systemctl start docker\`), ` +
        `make its socket usable by this user or set DOCKER_HOST, then retry` +
        (isDebian() ? ' (run as root and msaspec installs and starts docker.io itself)' : ''),
    );
  }

  if (!findExecutable('dockerd') || !findExecutable('docker')) {
    log(`no Docker Engine answers (${probe.reason}); installing Debian's docker.io`);
    await aptInstall(['docker.io'], log);
    // The package's postinst may have started it (on machines with systemd).
    const again = await probeDockerEngine();
    if (again.ok) {
      log(`Docker Engine ${again.version} answers after installing docker.io`);
      return;
    }
  } else {
    log(`no Docker Engine answers (${probe.reason}); starting dockerd`);
  }

  await startDockerd(log);
}

/** `apt-get update` + `apt-get install -y <packages>` (Debian, root). Throws EngineError on failure. */
export async function aptInstall(packages: readonly string[], log: (line: string) => void): Promise<void> {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  const t0 = Date.now();
  log('apt-get update');
  const upd = await run('apt-get', [...lockWait, 'update'], { env, timeoutMs: 5 * 60_000 });
  if (!upd.ok) throw new EngineError(`apt-get update failed: ${aptError(upd)}`);
  log(`apt-get install -y ${packages.join(' ')}`);
  const inst = await run('apt-get', [...lockWait, 'install', '-y', ...packages], { env, timeoutMs: 15 * 60_000 });
  if (!inst.ok) throw new EngineError(`apt-get install ${packages.join(' ')} failed: ${aptError(inst)}`);
  log(`installed ${packages.join(' ')} in ${seconds(Date.now() - t0)}`);
}

function aptError(r: CliResult): string {
  if (r.signal) return `killed by ${r.signal} (timed out?)`;
  const errs = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(E|Err):/.test(l));
  return errs.at(-1) ?? firstLine(r);
}

function dockerdRunning(): boolean {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'dockerd') return true;
      } catch {
        // process went away
      }
    }
  } catch {
    // no /proc
  }
  return false;
}

function logTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function startDockerd(log: (line: string) => void): Promise<void> {
  const dockerd = findExecutable('dockerd');
  if (!dockerd) throw new EngineError('dockerd is not installed even after installing docker.io');

  let child: ReturnType<typeof spawn> | undefined;
  let exited: string | undefined;
  if (dockerdRunning()) {
    log('a dockerd process is already running (starting up?); waiting for it to answer');
  } else {
    const fd = openSync(DOCKERD_LOG, 'a');
    writeSync(fd, `\n--- ${new Date().toISOString()} msaspec starts ${dockerd} (pid of starter ${process.pid})\n`);
    // dockerd finds containerd, runc and iptables through PATH, which may lack the sbin dirs.
    const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:${SYSTEM_PATH}` };
    child = spawn(dockerd, [], { detached: true, stdio: ['ignore', fd, fd], env });
    closeSync(fd);
    child.on('exit', (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exited with status ${String(code)}`;
    });
    child.on('error', (err) => {
      exited = `could not be started: ${err.message}`;
    });
    child.unref();
    log(`started dockerd (pid ${String(child.pid)}), logging to ${DOCKERD_LOG}`);
  }

  const t0 = Date.now();
  let last = 'not probed yet';
  while (Date.now() - t0 < START_TIMEOUT_MS) {
    await sleep(1000);
    const p = await probeDockerEngine(5_000);
    if (p.ok) {
      log(`Docker Engine ${p.version} answers after ${seconds(Date.now() - t0)}`);
      return;
    }
    last = p.reason;
    if (exited !== undefined && !dockerdRunning()) {
      const tail = logTail(DOCKERD_LOG, 1);
      throw new EngineError(`dockerd ${exited}${tail ? `: ${tail}` : ''} (see ${DOCKERD_LOG})`);
    }
  }
  throw new EngineError(
    `dockerd did not answer within ${START_TIMEOUT_MS / 1000} s (${last}); see ${DOCKERD_LOG}`,
  );
}

/**
 * Sets the environment testcontainers needs here (only variables that are unset):
 * no Ryuk (it would have to be pulled from a registry; cleanup.ts does its job)
 * and container ports reached on localhost. Returns the variables it set.
 */
export function configureTestcontainersEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const wanted: Record<string, string> = {
    TESTCONTAINERS_RYUK_DISABLED: 'true',
    TESTCONTAINERS_HOST_OVERRIDE: 'localhost',
  };
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(wanted)) {
    if (env[k] === undefined || env[k] === '') {
      env[k] = v;
      set[k] = v;
    }
  }
  return set;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
