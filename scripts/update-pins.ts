// `npm run pins`: sets the Debian package pins of every target Dockerfile (`apt-get install … name=version`)
// to the versions the mirror offers now, as `apt-cache policy` in the base image sees them (with the
// Dockerfile's extra sources and `-t` release), and prints what changed. `--check` changes nothing and
// exits 1 when a pin is out of date. Then `npm run images` rebuilds what changed (the tag hashes the context).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { docker } from '../targets/engine/docker-cli.ts';
import { ensureDockerEngine } from '../targets/engine/docker-engine.ts';
import { ensureBaseImage } from '../targets/images/base-image.ts';
import { installedNames, parseAptInstall, parseAptPolicy, rewritePins, targetDockerfiles, type AptInstall } from '../targets/images/package-pins.ts';

const QUERY_TIMEOUT_MS = 5 * 60_000;
const root = resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const log = (line: string): void => void process.stderr.write(`msaspec: ${line}\n`);

// Arguments: the -t release ('' for none), the number of extra source lines, those lines, then the packages.
const QUERY = `set -e
release=$1; n=$2; shift 2
while [ "$n" -gt 0 ]; do printf '%s\\n' "$1" >> /etc/apt/sources.list.d/msaspec-pins.list; shift; n=$((n - 1)); done
apt-get update -qq >&2
if [ -n "$release" ]; then exec apt-cache -o APT::Default-Release="$release" policy "$@"; fi
exec apt-cache policy "$@"`;

async function candidates(base: string, install: AptInstall, names: string[]): Promise<Map<string, string>> {
  const args = [install.targetRelease ?? '', String(install.sources.length), ...install.sources, ...names];
  const r = await docker(['run', '--rm', base, 'sh', '-c', QUERY, 'sh', ...args], { timeoutMs: QUERY_TIMEOUT_MS });
  if (!r.ok) {
    const why = r.signal ? `timed out after ${QUERY_TIMEOUT_MS / 1000} s` : (r.stderr.trim().split('\n').at(-1) ?? `exit ${String(r.exitCode)}`);
    throw new Error(`asking the Debian mirror failed: ${why}`);
  }
  return parseAptPolicy(r.stdout);
}

async function main(): Promise<number> {
  const targets = targetDockerfiles(root).map((t) => {
    const text = readFileSync(t.dockerfile, 'utf8');
    return { ...t, text, install: parseAptInstall(text) };
  });
  await ensureDockerEngine(log);
  const bases = new Map<string, string>();
  for (const codename of new Set(targets.map((t) => t.codename))) bases.set(codename, await ensureBaseImage(log, { codename }));

  // One query per distinct base and APT setup (sources and release): each Debian release, and the backports image, differ from the rest.
  const setup = (t: (typeof targets)[number]) => JSON.stringify([t.codename, t.install.targetRelease ?? '', t.install.sources]);
  const groups = new Map<string, { base: string; install: AptInstall; names: Set<string> }>();
  for (const t of targets) {
    const group = groups.get(setup(t)) ?? { base: bases.get(t.codename)!, install: t.install, names: new Set<string>() };
    for (const name of installedNames(t.install)) group.names.add(name);
    groups.set(setup(t), group);
  }
  log(`asking the mirror for ${[...groups.values()].reduce((n, g) => n + g.names.size, 0)} packages (${groups.size} APT setups over ${bases.size} base images)`);
  const answers = new Map<string, Map<string, string>>();
  await Promise.all([...groups].map(async ([key, g]) => answers.set(key, await candidates(g.base, g.install, [...g.names].sort()))));

  let changed = 0;
  let missing = 0;
  for (const t of targets) {
    const found = answers.get(setup(t))!;
    const file = relative(root, t.dockerfile);
    for (const name of installedNames(t.install)) {
      if (!found.has(name)) {
        log(`${file}: ${name} is not on the mirror at all`);
        missing++;
      }
    }
    const { text, changes } = rewritePins(t.text, found);
    for (const c of changes) process.stdout.write(`${file}: ${c.name} ${c.from || '(unpinned)'} -> ${c.to}\n`);
    changed += changes.length;
    if (changes.length > 0 && !check) writeFileSync(t.dockerfile, text);
  }
  const pins = targets.reduce((n, t) => n + installedNames(t.install).length, 0);
  if (missing > 0) return 3;
  if (changed === 0) {
    log(`all ${pins} pins of ${targets.length} Dockerfiles match the mirror`);
    return 0;
  }
  if (check) {
    log(`${changed} of ${pins} pins are out of date: run \`npm run pins\``);
    return 1;
  }
  log(`${changed} of ${pins} pins updated: run \`npm run images\` to rebuild the images they change`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log(`error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    process.exit(3);
  },
);
