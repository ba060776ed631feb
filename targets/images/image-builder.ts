// Builds a target MTA image from a build context directory whose Dockerfile
// starts with `ARG BASE` / `FROM ${BASE}`, plus the files every image shares
// (SHARED_FILES). Images are content-addressed: the tag is derived from every
// file of the context, the shared files and the base image ID, so an unchanged
// target is never rebuilt and a changed one always is.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, cpSync, existsSync, lstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExecutable } from '../engine/docker-cli.ts';
import { seconds } from '../engine/docker-engine.ts';
import { MANAGED_LABEL } from '../engine/cleanup.ts';
import { localImageId } from './base-image.ts';
import { pinFailure } from './package-pins.ts';

const BUILD_TIMEOUT_MS = 30 * 60_000;
const TAIL_LINES = 20;

/**
 * Files added to every build context under their name, beside the context's own: run-files.sh, the
 * reader of /run/msaspec/ that every entrypoint sources (each Dockerfile COPYs it). They count in the
 * image's hash, so a change to one rebuilds every image.
 */
export const SHARED_FILES: Readonly<Record<string, string>> = {
  'run-files.sh': join(dirname(fileURLToPath(import.meta.url)), 'run-files.sh'),
};

export interface BuiltImage {
  tag: string;
  imageId: string;
  /** false when an image with this tag already existed */
  built: boolean;
}

/** A failed `docker build`: one-line message; the end of the build output in `outputTail`. */
export class ImageBuildError extends Error {
  override name = 'ImageBuildError';
  constructor(
    message: string,
    /** the last ~20 lines of build output (empty when the build never ran) */
    readonly outputTail: string[] = [],
    /** the whole build output, when it was written */
    readonly logFile?: string,
  ) {
    super(message);
  }
}

/**
 * sha256 (hex) over the sorted relative paths and contents of every file under dir
 * (recursively; symlinks by their target; the owner-executable bit counts too), and of the
 * shared files, each at its name (see SHARED_FILES).
 */
export function contextHash(dir: string, shared: Readonly<Record<string, string>> = {}): string {
  const entries: { rel: string; kind: 'f' | 'l' | 'd'; abs: string; exec: boolean }[] = [];
  const walk = (abs: string): void => {
    for (const name of readdirSync(abs)) {
      const child = join(abs, name);
      const st = lstatSync(child);
      const rel = relative(dir, child).split(sep).join('/');
      if (st.isDirectory()) {
        entries.push({ rel, kind: 'd', abs: child, exec: false });
        walk(child);
      } else if (st.isSymbolicLink()) {
        entries.push({ rel, kind: 'l', abs: child, exec: false });
      } else if (st.isFile()) {
        entries.push({ rel, kind: 'f', abs: child, exec: (st.mode & 0o100) !== 0 });
      }
      // sockets, fifos, devices: not part of a build context
    }
  };
  walk(dir);
  for (const [name, abs] of Object.entries(shared)) {
    if (entries.some((e) => e.rel === name)) throw new Error(`${name} is a file every image shares: the context must not have its own`);
    entries.push({ rel: name, kind: 'f', abs, exec: (lstatSync(abs).mode & 0o100) !== 0 });
  }
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));

  const h = createHash('sha256');
  for (const e of entries) {
    const body = e.kind === 'f' ? readFileSync(e.abs) : e.kind === 'l' ? Buffer.from(readlinkSync(e.abs)) : Buffer.alloc(0);
    h.update(`${e.kind}${e.exec ? 'x' : '-'}\0${e.rel}\0${body.length}\0`);
    h.update(body);
  }
  return h.digest('hex');
}

/** First 16 hex digits of sha256(context hash, shared files included + base image ID). */
export function imageHash(contextDir: string, baseImageId: string, shared: Readonly<Record<string, string>> = SHARED_FILES): string {
  return createHash('sha256').update(contextHash(contextDir, shared)).update('\0').update(baseImageId).digest('hex').slice(0, 16);
}

/**
 * A temporary build context: a copy of contextDir with the shared files added, which `docker build`
 * reads (the caller removes it). The context must not have a file of a shared file's name.
 */
export function stageBuildContext(contextDir: string, shared: Readonly<Record<string, string>> = SHARED_FILES): string {
  const stage = mkdtempSync(join(tmpdir(), 'msaspec-context-'));
  try {
    cpSync(contextDir, stage, { recursive: true, verbatimSymlinks: true });
    for (const [name, abs] of Object.entries(shared)) {
      if (existsSync(join(stage, name))) throw new Error(`${name} is a file every image shares: the context must not have its own`);
      copyFileSync(abs, join(stage, name));
    }
    return stage;
  } catch (e) {
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}

const NAME_RE = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Returns `msaspec/<name>:<hash>`, building it with `docker build --build-arg BASE=<base>` (and the
 * extra build args, which do not count in the hash) unless an image with that tag exists already.
 * Throws ImageBuildError.
 */
export async function buildTargetImage(
  name: string,
  contextDir: string,
  base: string,
  log: (line: string) => void,
  buildArgs: Record<string, string> = {},
): Promise<BuiltImage> {
  if (!NAME_RE.test(name)) throw new ImageBuildError(`invalid image name ${JSON.stringify(name)} (lower-case letters, digits, . _ -)`);
  const baseId = await localImageId(base);
  if (!baseId) throw new ImageBuildError(`base image ${base} is not present (run \`npm run engine\` first)`);

  let hash: string;
  try {
    hash = imageHash(contextDir, baseId);
  } catch (e) {
    throw new ImageBuildError(`cannot read build context ${contextDir}: ${(e as Error).message}`);
  }
  const tag = `msaspec/${name}:${hash}`;

  const existing = await localImageId(tag);
  if (existing) {
    log(`image ${tag} is up to date`);
    return { tag, imageId: existing, built: false };
  }

  log(`building ${tag} from ${contextDir}`);
  const t0 = Date.now();
  const logFile = join(tmpdir(), `msaspec-build-${name}-${hash}.log`);
  let step = '';
  let stage: string;
  try {
    stage = stageBuildContext(contextDir);
  } catch (e) {
    throw new ImageBuildError(`cannot prepare the build context of ${name}: ${(e as Error).message}`);
  }
  const { code, tail } = await dockerBuild(
    ['build', '--force-rm', '--build-arg', `BASE=${base}`, ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), '-t', tag, '--label', `${MANAGED_LABEL}=true`, '--label', `msaspec.image=${name}`, stage],
    logFile,
    (line) => {
      if (/^Step \d+\/\d+ : /.test(line)) {
        step = line.length > 120 ? `${line.slice(0, 117)}...` : line;
        log(`  ${name}: ${line}`);
      }
    },
  ).finally(() => rmSync(stage, { recursive: true, force: true }));
  if (code !== 0) {
    const pins = pinFailure(readLines(logFile) ?? tail);
    throw new ImageBuildError(
      pins
        ? `docker build of ${name} failed: ${pins} [full log: ${logFile}]`
        : `docker build of ${name} failed (exit ${code})${step ? ` at "${step}"` : ''}: ${buildCause(tail)} [full log: ${logFile}]`,
      tail,
      logFile,
    );
  }
  const imageId = await localImageId(tag);
  if (!imageId) throw new ImageBuildError(`docker build of ${name} succeeded but ${tag} is not there`, tail, logFile);
  rmSync(logFile, { force: true }); // kept only when a build fails
  log(`built ${tag} in ${seconds(Date.now() - t0)}`);
  return { tag, imageId, built: true };
}

function readLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return undefined;
  }
}

/** The most telling line of a failed build's output: an error line, else the last one. */
function buildCause(tail: string[]): string {
  const meaningful = tail.map((l) => l.trim()).filter((l) => l !== '' && !/^(Removing intermediate|---> )/.test(l));
  const error = [...meaningful].reverse().find((l) => /^(E:|Err:|error\b|ERROR\b|fatal\b|FATAL\b)/i.test(l));
  return error ?? meaningful.at(-1) ?? 'no output';
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** Runs docker build, writing all output to logFile and keeping the last lines. */
function dockerBuild(
  args: string[],
  logFile: string,
  onLine: (line: string) => void,
): Promise<{ code: number | string; tail: string[] }> {
  return new Promise((resolve) => {
    const fd = openSync(logFile, 'w');
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      writeSync(fd, chunk);
      const lines = (partial + chunk.toString()).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const l of lines) push(l);
    };
    const push = (raw: string) => {
      const l = raw.replace(ANSI, '');
      tail.push(l);
      if (tail.length > TAIL_LINES) tail.shift();
      onLine(l);
    };
    // Legacy builder unless the user chose: plain `Step n/m` output, no buildx plugin needed.
    const env = { ...process.env, DOCKER_BUILDKIT: process.env.DOCKER_BUILDKIT ?? '0' };
    const child = spawn(findExecutable('docker') ?? 'docker', args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const timer = setTimeout(() => child.kill('SIGTERM'), BUILD_TIMEOUT_MS);
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    let done = false;
    const finish = (code: number | string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (partial !== '') push(partial);
      partial = '';
      closeSync(fd);
      resolve({ code, tail });
    };
    child.on('error', (e) => finish(e.message));
    child.on('close', (code, signal) => finish(code ?? `killed by ${String(signal)}`));
  });
}
