// Thin wrapper around the `docker` CLI (whichever client is first on PATH:
// /usr/local/bin/docker or Debian's /usr/bin/docker both talk to the daemon).
// Every call is non-throwing and quiet; callers inspect exitCode.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { $ } from 'zx';

$.verbose = false;

export interface CliResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** true when the command ran and exited with status 0 */
  ok: boolean;
}

export interface CliOptions {
  /** milliseconds; the command is killed (SIGTERM) when it runs longer */
  timeoutMs?: number;
  /** extra environment variables for this call */
  env?: Record<string, string>;
}

const quiet$ = $({ nothrow: true, quiet: true });

/** Runs `docker <args...>`; never throws. */
export async function docker(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return run(findExecutable('docker') ?? 'docker', args, opts);
}

/** Runs `<cmd> <args...>` through zx; never throws. */
export async function run(cmd: string, args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  const sh = quiet$({
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
    ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
  });
  const out = await sh`${cmd} ${args}`;
  return {
    exitCode: out.exitCode,
    signal: out.signal,
    stdout: out.stdout,
    stderr: out.stderr,
    ok: out.exitCode === 0,
  };
}

/** First non-empty line of a command's stderr (or stdout), for one-line error messages. */
export function firstLine(r: CliResult): string {
  if (r.signal) return `killed by ${r.signal} (timed out?)`;
  const line = (r.stderr + '\n' + r.stdout)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return line ?? `exit status ${String(r.exitCode)}`;
}

const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Looks an executable up in PATH and the usual system dirs (root's sbin dirs may be missing from PATH). */
export function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
