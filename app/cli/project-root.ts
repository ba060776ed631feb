import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where app/, harness/, suites/, targets/ and reports/ are: the clone itself, or the compiled tree
 * (dist/) of the npm package, whose files mirror the sources one for one.
 */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The folder of msaspec's package.json: the clone, or the installed package above dist/. */
export const PACKAGE_ROOT = existsSync(resolve(PROJECT_ROOT, 'package.json')) ? PROJECT_ROOT : resolve(PROJECT_ROOT, '..');

/** ".ts" run from the sources (tsx), ".js" from the compiled package: how the runner's files are named. */
export const MODULE_EXTENSION = fileURLToPath(import.meta.url).endsWith('.ts') ? '.ts' : '.js';

export function toolVersion(): string {
  return (JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
