// `npm run image`: builds msaspec's own container image (the root Dockerfile) as msaspec/msaspec:<version>,
// offline from the project's Debian 13 base image (targets/images/base-image.ts makes it when it is
// missing). The build context is staged here: the npm package as `npm pack` makes it, installed with
// its runtime dependencies only (npm's registry or cache, never a container registry).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBaseImage } from '../targets/images/base-image.ts';
import { toolVersion } from '../app/cli/project-root.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const IMAGE = `msaspec/msaspec:${toolVersion()}`;

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], timeout: 20 * 60_000 });
  if (result.status !== 0) {
    process.stderr.write(`msaspec: ${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})\n`);
    process.exit(1);
  }
}

const log = (line: string) => process.stderr.write(`msaspec: ${line}\n`);
const base = await ensureBaseImage(log, { codename: 'trixie' });
const stage = mkdtempSync(join(tmpdir(), 'msaspec-image-'));
try {
  // A tarball given (MSASPEC_PACKAGE) is used as it is; else one is packed from this clone.
  let tarball = process.env.MSASPEC_PACKAGE;
  if (!tarball) {
    run('npm', ['pack', '--silent', '--pack-destination', stage], ROOT);
    const packed = readdirSync(stage).find((name) => name.endsWith('.tgz'));
    if (!packed) throw new Error('npm pack made no tarball');
    tarball = join(stage, packed);
  }
  const opt = join(stage, 'opt');
  mkdirSync(opt);
  writeFileSync(join(opt, 'package.json'), '{ "private": true }\n');
  run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', resolve(tarball)], opt);
  run('docker', ['build', '--build-arg', `BASE=${base}`, '--label', 'msaspec.image=msaspec', '-t', IMAGE, '-f', join(ROOT, 'Dockerfile'), stage], ROOT);
  log(`image ${IMAGE} built`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
