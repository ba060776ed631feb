// The BASE image every target Dockerfile starts FROM (`ARG BASE` / `FROM ${BASE}`), one per Debian
// release a target line is built from (bookworm = Debian 12, trixie = Debian 13).
//
// There is no container registry here, so when `docker pull` fails the base is
// made from Debian's own packages: debootstrap a minimal root file system of the
// release and `docker import` it.
import { spawn, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  readdirSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker, findExecutable, firstLine, run } from '../engine/docker-cli.ts';
import { aptInstall, isDebian, isRoot, seconds } from '../engine/docker-engine.ts';

/** The Debian releases a base image can be made of, by codename. */
export const DEBIAN_CODENAMES = ['bookworm', 'trixie'] as const;
export type DebianCodename = (typeof DEBIAN_CODENAMES)[number];

/** msaspec/base:<codename>: the local base image of a release. */
export const baseImageRef = (codename: DebianCodename) => `msaspec/base:${codename}`;
const upstreamBaseImage = (codename: DebianCodename) => `debian:${codename}-slim`;

export const BASE_IMAGE = baseImageRef('bookworm');
export const DEFAULT_DEBIAN_MIRROR = 'http://deb.debian.org/debian';

const PULL_TIMEOUT_MS = 20_000;
const DEBOOTSTRAP_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;
const LOCK_STALE_MS = 30 * 60_000;

export class BaseImageError extends Error {
  override name = 'BaseImageError';
}

export interface BaseImageOptions {
  /** the Debian release (default bookworm) */
  codename?: DebianCodename;
  /** image reference to find or make (default msaspec/base:<codename>) */
  ref?: string;
  /** skip the `docker pull debian:<codename>-slim` attempt */
  skipPull?: boolean;
  /** Debian mirror for debootstrap (default $MSASPEC_DEBIAN_MIRROR or deb.debian.org) */
  mirror?: string;
}

/** The image ID (sha256:…) of a local image, or undefined when it is absent. */
export async function localImageId(ref: string): Promise<string | undefined> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', ref], { timeoutMs: 30_000 });
  const id = r.stdout.trim();
  return r.ok && id !== '' ? id : undefined;
}

/**
 * Returns the image reference to pass as BASE: the local msaspec/base:<codename>,
 * else a pulled debian:<codename>-slim tagged as such, else one built with
 * debootstrap + docker import. Safe to call from several processes at once.
 */
export async function ensureBaseImage(
  log: (line: string) => void,
  opts: BaseImageOptions = {},
): Promise<string> {
  const codename = opts.codename ?? 'bookworm';
  const ref = opts.ref ?? baseImageRef(codename);
  const UPSTREAM_BASE_IMAGE = upstreamBaseImage(codename);
  const present = await localImageId(ref);
  if (present) {
    log(`base image ${ref} is present (${present.slice(7, 19)})`);
    return ref;
  }

  const release = await acquireLock(`msaspec-base-${ref.replace(/[^A-Za-z0-9_.-]/g, '_')}`, log);
  try {
    // Another process may have made it while we waited for the lock.
    const madeMeanwhile = await localImageId(ref);
    if (madeMeanwhile) {
      log(`base image ${ref} was made by another process (${madeMeanwhile.slice(7, 19)})`);
      return ref;
    }

    if (!opts.skipPull) {
      log(`base image ${ref} is missing; trying docker pull ${UPSTREAM_BASE_IMAGE} (${PULL_TIMEOUT_MS / 1000} s at most)`);
      const pull = await docker(['pull', UPSTREAM_BASE_IMAGE], { timeoutMs: PULL_TIMEOUT_MS });
      if (pull.ok) {
        const tag = await docker(['tag', UPSTREAM_BASE_IMAGE, ref]);
        if (!tag.ok) throw new BaseImageError(`docker tag ${UPSTREAM_BASE_IMAGE} ${ref} failed: ${firstLine(tag)}`);
        log(`pulled ${UPSTREAM_BASE_IMAGE} and tagged it ${ref}`);
        return ref;
      }
      log(`docker pull failed (${firstLine(pull)}); building ${ref} with debootstrap instead`);
    }

    await buildWithDebootstrap(ref, codename, opts.mirror ?? process.env.MSASPEC_DEBIAN_MIRROR ?? DEFAULT_DEBIAN_MIRROR, log);
    return ref;
  } finally {
    release();
  }
}

async function buildWithDebootstrap(ref: string, codename: DebianCodename, mirror: string, log: (line: string) => void): Promise<void> {
  if (!isRoot()) {
    throw new BaseImageError(
      `base image ${ref} is missing and cannot be pulled; building it with debootstrap needs root ` +
        `(run \`sudo npm run engine\` once, or \`docker tag <a debian:${codename} image> ${ref}\`)`,
    );
  }
  if (!findExecutable('debootstrap')) {
    if (!isDebian()) {
      throw new BaseImageError(`base image ${ref} is missing and cannot be pulled; install debootstrap and retry`);
    }
    log('debootstrap is missing; installing it');
    await aptInstall(['debootstrap'], log);
  }

  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'msaspec-debootstrap-'));
  try {
    log(`debootstrap --variant=minbase ${codename} ${dir} ${mirror}`);
    const boot = await run(findExecutable('debootstrap') ?? 'debootstrap', ['--variant=minbase', codename, dir, mirror], {
      timeoutMs: DEBOOTSTRAP_TIMEOUT_MS,
    });
    if (!boot.ok) {
      const detail = lastLine(readText(join(dir, 'debootstrap', 'debootstrap.log'))) ?? firstLine(boot);
      throw new BaseImageError(`debootstrap failed: ${detail}`);
    }
    log(`debootstrap done in ${seconds(Date.now() - t0)}`);
    tidyRootfs(dir, codename, mirror);

    const t1 = Date.now();
    await importRootfs(dir, ref, codename);
    const id = await localImageId(ref);
    log(`imported ${ref} (${id?.slice(7, 19) ?? '?'}) in ${seconds(Date.now() - t1)}; base image built in ${seconds(Date.now() - t0)}`);
  } finally {
    removeTree(dir, log);
  }
}

/** Makes the root file system look like Debian's own slim image where it matters to builds. */
function tidyRootfs(dir: string, codename: DebianCodename, mirror: string): void {
  writeFileSync(
    join(dir, 'etc/apt/sources.list'),
    [
      `deb ${mirror} ${codename} main`,
      `deb ${mirror} ${codename}-updates main`,
      `deb http://deb.debian.org/debian-security ${codename}-security main`,
      '',
    ].join('\n'),
  );
  // Package lists and downloaded .debs only bloat the image; `apt-get update` comes first in every build.
  for (const sub of ['var/lib/apt/lists', 'var/cache/apt/archives']) {
    const p = join(dir, sub);
    for (const entry of safeReaddir(p)) {
      if (entry === 'partial' || entry === 'lock') continue;
      rmSync(join(p, entry), { force: true, recursive: true });
    }
  }
  for (const f of ['var/cache/apt/pkgcache.bin', 'var/cache/apt/srcpkgcache.bin', 'etc/resolv.conf', 'etc/hostname']) {
    rmSync(join(dir, f), { force: true });
  }
  // The container-friendly settings of Debian's official (debuerreotype) slim images.
  const files: Record<string, string> = {
    // Installing a daemon (postfix, exim…) during `docker build` must not try to start it.
    'usr/sbin/policy-rc.d': '#!/bin/sh\n# msaspec base image: never start services while building images\nexit 101\n',
    'etc/apt/apt.conf.d/docker-clean': [
      'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
      'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
      'Dir::Cache::pkgcache "";',
      'Dir::Cache::srcpkgcache "";',
      '',
    ].join('\n'),
    'etc/apt/apt.conf.d/docker-no-languages': 'Acquire::Languages "none";\n',
    'etc/apt/apt.conf.d/docker-gzip-indexes': 'Acquire::GzipIndexes "true";\n',
    'etc/apt/apt.conf.d/docker-autoremove-suggests': 'Apt::AutoRemove::SuggestsImportant "false";\n',
    'etc/dpkg/dpkg.cfg.d/docker-apt-speedup': 'force-unsafe-io\n',
    'etc/dpkg/dpkg.cfg.d/docker': [
      'path-exclude /usr/share/doc/*',
      'path-include /usr/share/doc/*/copyright',
      'path-exclude /usr/share/man/*',
      'path-exclude /usr/share/groff/*',
      'path-exclude /usr/share/info/*',
      'path-exclude /usr/share/lintian/*',
      'path-exclude /usr/share/linda/*',
      'path-exclude /usr/share/locale/*',
      'path-include /usr/share/locale/locale.alias',
      '',
    ].join('\n'),
  };
  for (const [rel, text] of Object.entries(files)) {
    writeFileSync(join(dir, rel), text, { mode: rel.startsWith('usr/sbin/') ? 0o755 : 0o644 });
  }
}

/** `tar -C dir -c . | docker import - ref`, checking both ends. */
async function importRootfs(dir: string, ref: string, codename: DebianCodename): Promise<void> {
  const dockerBin = findExecutable('docker') ?? 'docker';
  const tar = spawn('tar', ['--numeric-owner', '-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const imp = spawn(
    dockerBin,
    [
      'import',
      '--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change', 'CMD ["bash"]',
      '--message', `msaspec base: debootstrap --variant=minbase ${codename}`,
      '-',
      ref,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let tarErr = '';
  let impOut = '';
  tar.stderr.on('data', (d: Buffer) => (tarErr += d.toString()));
  imp.stdout.on('data', (d: Buffer) => (impOut += d.toString()));
  imp.stderr.on('data', (d: Buffer) => (impOut += d.toString()));
  tar.stdout.pipe(imp.stdin);
  imp.stdin.on('error', () => {
    // docker import died early; its exit status tells
  });
  const [tarCode, impCode] = await Promise.all([exitOf(tar), exitOf(imp)]);
  if (tarCode !== 0) throw new BaseImageError(`tar of the debootstrap tree failed: ${lastLine(tarErr) ?? tarCode}`);
  if (impCode !== 0) throw new BaseImageError(`docker import failed: ${lastLine(impOut) ?? impCode}`);
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number | string> {
  return new Promise((resolve) => {
    child.on('error', (e) => resolve(e.message));
    child.on('close', (code, signal) => resolve(code ?? `signal ${String(signal)}`));
  });
}

/** Removes the debootstrap tree, but never while something is still mounted inside it. */
function removeTree(dir: string, log: (line: string) => void): void {
  const mounted = () =>
    readText('/proc/mounts')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m === dir || m.startsWith(dir + '/'))
      .sort((a, b) => b.length - a.length);
  for (const m of mounted()) {
    const r = spawnSyncQuiet('umount', ['-l', m]);
    if (!r) log(`could not unmount ${m}`);
  }
  const left = mounted();
  if (left.length > 0) {
    log(`leaving ${dir} in place: ${left.join(', ')} still mounted`);
    return;
  }
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (e) {
    log(`could not remove ${dir}: ${(e as Error).message}`);
  }
}

function spawnSyncQuiet(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .at(-1);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A mkdir lock in the temp dir, shared by every process on this machine.
 * A lock whose owner process is gone (or that is very old) is broken.
 */
async function acquireLock(name: string, log: (line: string) => void): Promise<() => void> {
  const dir = join(tmpdir(), `${name}.lock`);
  const ownerFile = join(dir, 'owner');
  const t0 = Date.now();
  let told = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(ownerFile, `${process.pid}\n`);
      return () => {
        try {
          unlinkSync(ownerFile);
        } catch {
          // already gone
        }
        rmSync(dir, { recursive: true, force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(readText(ownerFile).trim(), 10);
    let age = 0;
    try {
      age = Date.now() - statSync(dir).mtimeMs;
    } catch {
      continue; // released just now
    }
    const ownerGone = Number.isInteger(owner) ? !pidAlive(owner) : age > 30_000;
    if (ownerGone || age > LOCK_STALE_MS) {
      log(`breaking stale lock ${dir}`);
      rmSync(dir, { recursive: true, force: true });
      continue;
    }
    if (!told) {
      log(`waiting for process ${Number.isInteger(owner) ? owner : '?'} that is making the base image (${dir})`);
      told = true;
    }
    if (Date.now() - t0 > LOCK_WAIT_MS) {
      throw new BaseImageError(`gave up waiting for ${dir} after ${LOCK_WAIT_MS / 60_000} min; remove it if no build is running`);
    }
    await sleep(1000);
  }
}
