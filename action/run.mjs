// The GitHub Action's one step (action.yml): turns the Action's inputs into an `msaspec run --host …`
// of the npm package, appends summary.md to the job summary, sets the step's outputs and exits with
// the CLI's exit code. Plain Node 20, no dependencies: the Action runs it from its own checkout, and
// the suite itself comes from npm (`npm exec --package=msaspec@<version>`).
//
// Inputs arrive as INPUT_<NAME> (action.yml passes each one; `-` becomes `_`). test/package/
// action-script.test.ts runs this file as the Action would.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXIT_HARNESS = 3;
const input = (name) => (process.env[`INPUT_${name.replace(/-/g, '_').toUpperCase()}`] ?? '').trim();
/** A list input: commas, spaces or new lines between the items. */
const list = (name) => input(name).split(/[\s,]+/).filter(Boolean);
const isTrue = (name) => /^(true|yes|1)$/i.test(input(name));

function fail(message) {
  process.stderr.write(`msaspec action: error: ${message}\n`);
  process.exit(EXIT_HARNESS);
}

/** `ports`: "465,587" (implicit TLS, then STARTTLS); "none" for a service the server lacks. */
function ports() {
  const given = list('ports');
  if (given.length === 0) return [];
  if (given.length !== 2) fail(`ports must be two values, the implicit-TLS port and the STARTTLS port (e.g. "465,587"; "none" for a missing one), got "${input('ports')}"`);
  return ['--implicit-port', given[0], '--starttls-port', given[1]];
}

/** The msaspec of this Action's own version, unless `package` names another (a version, a tarball). */
function packageSpec() {
  if (input('package')) return input('package');
  const own = join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json');
  return `msaspec@${JSON.parse(readFileSync(own, 'utf8')).version}`;
}

const host = input('host');
if (!host) fail('the host input is required: the server to test');
const out = resolve(input('out') || 'msaspec-report');
const sarif = isTrue('upload-sarif');
// summary.md is what the job summary shows; report.sarif when it is to be uploaded.
const formats = [...new Set([...(list('formats').length ? list('formats') : ['json', 'html', 'console']), 'markdown', ...(sarif ? ['sarif'] : [])])];

const args = ['run', '--host', host, ...ports()];
if (input('user')) args.push('--user', input('user'));
if (input('ca')) args.push('--ca', input('ca'));
if (input('servername')) args.push('--servername', input('servername'));
if (input('mail-from')) args.push('--mail-from', input('mail-from'));
if (input('rcpt-to')) args.push('--rcpt-to', input('rcpt-to'));
for (const prefix of list('only')) args.push('--only', prefix);
for (const prefix of list('exclude')) args.push('--exclude', prefix);
if (input('waivers')) args.push('--waivers', input('waivers'));
if (isTrue('strict')) args.push('--strict');
args.push('--format', formats.join(','), '--out', out);

// The password travels in the environment only, never on a command line (README: MSASPEC_PASSWORD).
const env = { ...process.env, ...(input('password') ? { MSASPEC_PASSWORD: input('password') } : {}) };
for (const key of Object.keys(env)) if (key.startsWith('INPUT_')) delete env[key];
const run = spawnSync('npm', ['exec', '--yes', `--package=${packageSpec()}`, '--', 'msaspec', ...args], { stdio: 'inherit', env });
const code = run.status ?? EXIT_HARNESS;
if (run.error) process.stderr.write(`msaspec action: error: npm exec: ${run.error.message}\n`);

const summary = join(out, 'summary.md');
if (process.env.GITHUB_STEP_SUMMARY && existsSync(summary)) appendFileSync(process.env.GITHUB_STEP_SUMMARY, readFileSync(summary, 'utf8'));
if (process.env.GITHUB_OUTPUT) {
  const sarifFile = join(out, 'report.sarif');
  const outputs = [`exit-code=${code}`, `report-dir=${out}`, `sarif-file=${sarif && existsSync(sarifFile) ? sarifFile : ''}`];
  appendFileSync(process.env.GITHUB_OUTPUT, `${outputs.join('\n')}\n`);
}
process.exit(code);
