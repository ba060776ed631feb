// Helpers for the CLI tests: run `node bin/msaspec.js` as a child process, with a hard timeout, and
// small loopback servers. Not a test file itself (no .test.ts), so vitest does not collect it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, vi } from 'vitest';
import type { Report } from '../../reports/report-model.ts';
import { outputSchemaErrors } from '../reports/validators.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(PROJECT_ROOT, 'bin/msaspec.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The hard timeout fired and the process group was killed. */
  timedOut: boolean;
}

export interface CliOptions {
  /** Extra environment for the child (merged over a cleaned copy of ours). */
  env?: Record<string, string>;
  /** Hard bound: the child's process group gets SIGKILL after this long. */
  timeoutMs?: number;
  cwd?: string;
  /** The program and its first arguments (default: this Node and bin/msaspec.js of the clone). */
  command?: readonly string[];
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

const running = new Set<ChildProcess>();

/** The child's whole process group (CLI + its vitest workers): only processes these tests started. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Concurrent tests of a file that run at once. Two files run side by side on a two-core machine;
 * each CLI run is a node process plus a vitest worker, and starving them makes the suite's own
 * reply timeouts fire. (Set per file, so a queued test's timeout starts when it does.)
 */
vi.setConfig({ maxConcurrency: 3 });

/** Cleanups of temp dirs and servers; one afterAll, registered when a test file imports this module. */
const cleanups: (() => unknown)[] = [];

afterAll(async () => {
  vi.resetConfig();
  for (const child of running) killGroup(child);
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Our environment without what would leak into the CLI: vitest's worker variables (the CLI starts
 * vitest itself), a plan or password of some other run, debug switches. DOCKER_HOST points nowhere,
 * so a regression that falls through to the default postfix target fails fast instead of building
 * images.
 */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(__)?VITEST|^TINYPOOL|^MSASPEC_|^NODE_OPTIONS$|^FORCE_COLOR$|^NO_COLOR$/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, DOCKER_HOST: 'unix:///nonexistent/msaspec-cli-test.sock', ...extra };
}

export function startCli(args: string[], opts: CliOptions = {}): RunningCli {
  const started = Date.now();
  const [program, ...first] = opts.command ?? [process.execPath, BIN];
  const child = spawn(program!, [...first, ...args], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout can take its vitest workers down with it.
    detached: true,
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child);
  }, opts.timeoutMs ?? 60_000);
  const done = new Promise<CliResult>((resolveDone, reject) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      running.delete(child);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolveDone({ code, signal, stdout, stderr, durationMs: Date.now() - started, timedOut });
    });
  });
  return { child, done };
}

export function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).done;
}

/** A fresh temporary directory, removed after the file's tests. */
export function tempDir(prefix = 'msaspec-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The run's report.json. Every report file in the directory is first validated against its schema
 * (test/reports/validators.ts), so every CLI test that reads a report also proves it valid.
 */
export function readReport(outDir: string): Report {
  const problems = outputSchemaErrors(outDir);
  if (problems.length > 0) throw new Error(`reports in ${outDir} break their schemas:\n${problems.slice(0, 20).join('\n')}`);
  return JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as Report;
}

/** The one stderr line of a run that wrote reports (app/cli/report-flags.ts); by default report.json and index.html. */
export function reportsLine(outDir: string, files: readonly string[] = ['report.json', 'index.html']): string {
  return `msaspec: reports written to ${outDir}: ${files.join(', ')}`;
}

/** Every regular file under dir, recursively, with its bytes. */
export function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...filesUnder(path));
    else if (stat.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

export function nonEmptyLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** A port nothing listens on: bound to 0 on loopback, then released. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface LoopbackServer {
  port: number;
  /** Connections accepted so far (including ones already closed). */
  accepted: number;
  /** Connections open right now. */
  open(): number;
  close(): Promise<void>;
}

/** A TCP server on 127.0.0.1:0 whose connections are handled by onConnection; closed after the file. */
export async function loopbackServer(onConnection: (socket: net.Socket) => void): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>();
  const state = { accepted: 0 };
  const server = net.createServer((socket) => {
    state.accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as net.AddressInfo).port;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => server.close(() => done()));
  };
  cleanups.push(close);
  return {
    port,
    get accepted() {
      return state.accepted;
    },
    open: () => sockets.size,
    close,
  };
}

/** Accepts and never writes a byte: a server that hangs every client. */
export function silentServer(): Promise<LoopbackServer> {
  return loopbackServer(() => undefined);
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Any C0/C1 control other than newline and tab, DEL included: what a terminal could interpret. */
export const TERMINAL_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/**
 * What a finished run prints on stderr: only "msaspec: ..." lines (progress such as a target's start
 * time, never a stack trace or vitest's own output), the last one naming where the report went:
 * "msaspec: report written to <dir>/report.json" or "msaspec: reports written to <dir>: report.json, ...".
 */
export function expectReportLine(stderr: string, outDir: string): void {
  const lines = nonEmptyLines(stderr);
  const foreign = lines.filter((line) => !line.startsWith('msaspec: '));
  if (foreign.length > 0) throw new Error(`stderr holds lines that are not msaspec's own:\n${stderr}`);
  const line = lines.at(-1) ?? '';
  const escaped = outDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!new RegExp(`^msaspec: reports? written to ${escaped}\\b.*report\\.json`).test(line)) {
    throw new Error(`the last stderr line does not name the report in ${outDir}:\n${stderr}`);
  }
}
