// The npm package as a user gets it: `npm pack` of this clone, then `npm install <tarball>` in an empty
// folder (the registry supplies the runtime dependencies; no dev dependency comes along). Both are
// kept under the system's temp dir, keyed by a hash of everything that goes into the package, so the
// test files that need them (package, image, Action, recipe) pack and install once. Not a test file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../cli/cli-process.ts';

export interface PackedPackage {
  /** The tarball `npm pack` made. */
  tarball: string;
  /** `npm pack --json`'s account of it: size and every file. */
  manifest: { size: number; unpackedSize: number; entryCount: number; files: { path: string }[] };
  /** The folder it is installed in, as `npm install <tarball>` left it. */
  installDir: string;
  /** node_modules/.bin/msaspec there. */
  bin: string;
}

const INPUTS = ['bin', 'app', 'harness', 'suites', 'targets', 'reports', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.ts', 'README.md'];

function inputFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === 'node_modules' || name.endsWith('.test.ts') ? [] : inputFiles(join(path, name))));
}

function packageKey(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => inputFiles(join(PROJECT_ROOT, p)))) hash.update(`${relative(PROJECT_ROOT, file)}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 10 * 60_000, env: { ...process.env, npm_config_loglevel: 'error' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

let packed: PackedPackage | undefined;

/**
 * One packer at a time on this machine: `npm pack` rebuilds dist/ of the clone (prepack), which two
 * test files running side by side must not do at once. A lock left by a killed process expires.
 */
async function withPackLock<T>(work: () => T): Promise<T> {
  const lock = join(tmpdir(), 'msaspec-package.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${lock} held for 15 minutes`);
      await new Promise((done) => setTimeout(done, 500));
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Packs and installs the package once per content of the clone (a minute or two the first time, then nothing). */
export async function packedPackage(): Promise<PackedPackage> {
  if (packed) return packed;
  const home = join(tmpdir(), `msaspec-package-${packageKey()}`);
  if (!existsSync(join(home, 'done'))) await withPackLock(() => {
    if (existsSync(join(home, 'done'))) return;
    const work = mkdtempSync(join(tmpdir(), 'msaspec-package-work-'));
    const manifest = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], PROJECT_ROOT)) as [PackedPackage['manifest'] & { filename: string }];
    const install = join(work, 'install');
    mkdirSync(install);
    run('npm', ['install', '--no-audit', '--no-fund', join(work, manifest[0].filename)], install);
    writeFileSync(join(work, 'manifest.json'), JSON.stringify(manifest[0]));
    writeFileSync(join(work, 'done'), '');
    try {
      renameSync(work, home);
    } catch {
      // Another test file got there first: its copy is the same package.
      rmSync(work, { recursive: true, force: true });
    }
    // Packages of earlier sources (over an hour old, so no test file of this run still uses them) go.
    for (const name of readdirSync(tmpdir())) {
      const old = join(tmpdir(), name);
      if (/^msaspec-package-[0-9a-f]{16}$/.test(name) && old !== home && Date.now() - statSync(old).mtimeMs > 3_600_000) rmSync(old, { recursive: true, force: true });
    }
  });
  const manifest = JSON.parse(readFileSync(join(home, 'manifest.json'), 'utf8')) as PackedPackage['manifest'] & { filename: string };
  packed = { tarball: join(home, manifest.filename), manifest, installDir: join(home, 'install'), bin: join(home, 'install', 'node_modules', '.bin', 'msaspec') };
  return packed;
}
