// `npm run results`: runs the whole matrix (every MTA on every release line, stock and hardened) and publishes it as
// docs/results.md, docs/results.json and the verdicts of each docs/hardened/<mta>.md (`msaspec
// results`). Extra arguments go to `msaspec run`. `npm run results -- --render-only` runs nothing: it
// renders those pages again from the published docs/results.json (after a findings.ts reason or the
// renderers changed).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { resultsCommand } from '../app/cli/results-command.ts';

const root = resolve(import.meta.dirname, '..');
const publish = (path: string): never => {
  try {
    process.exit(resultsCommand(path, {}));
  } catch (err) {
    process.stderr.write(`msaspec: error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  }
};
if (process.argv.includes('--render-only')) {
  if (process.argv.length > 3) {
    process.stderr.write('msaspec: --render-only takes no other argument\n');
    process.exit(3);
  }
  publish(resolve(root, 'docs/results.json'));
}
const out = resolve(root, 'msaspec-report/matrix');
// A report left by an earlier run must never be published as this one.
rmSync(resolve(out, 'report.json'), { force: true });
const run = spawnSync(process.execPath, [resolve(root, 'bin/msaspec.js'), 'run', '--target', 'everything', '--out', out, '--format', 'json,html', ...process.argv.slice(2)], { stdio: 'inherit' });
// Exit 1 only says that some target has findings, which stock configurations are expected to have.
if (run.status !== 0 && run.status !== 1) {
  process.stderr.write(`msaspec: the matrix run ended with status ${String(run.status ?? run.signal)}; nothing published\n`);
  process.exit(3);
}
try {
  readFileSync(resolve(out, 'report.json'));
} catch {
  process.stderr.write('msaspec: the matrix run wrote no report.json; nothing published\n');
  process.exit(3);
}
publish(out);
