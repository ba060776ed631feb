// `npm run build` (and `npm pack`, through prepack): the npm package's compiled tree. tsc turns the
// sources into dist/ (JavaScript and type declarations, `.ts` imports rewritten to `.js`), and the files
// the code reads at run time beside its modules are copied to the same places under dist/: each
// target's image/ build context, run-files.sh, the report schemas. A clone never runs from dist/
// (bin/msaspec.js takes the sources when they are there), so a stale dist/ cannot stand in for them.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const SOURCE_FOLDERS = ['app', 'harness', 'suites', 'targets', 'reports'];

/** Every file under dir that tsc does not emit: not TypeScript, and not a test. */
function assets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return assets(path);
    return name.endsWith('.ts') ? [] : [path];
  });
}

rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: ['ignore', 2, 2] });
if (tsc.status !== 0) {
  process.stderr.write('build: tsc failed\n');
  process.exit(1);
}
let copied = 0;
for (const folder of SOURCE_FOLDERS) {
  for (const file of assets(join(ROOT, folder))) {
    const to = join(DIST, relative(ROOT, file));
    mkdirSync(dirname(to), { recursive: true });
    // The mode comes along: an image's hash counts the owner-executable bit of each file.
    cpSync(file, to, { preserveTimestamps: true });
    copied += 1;
  }
}
process.stderr.write(`build: dist/ compiled, ${copied} run-time files copied\n`);
