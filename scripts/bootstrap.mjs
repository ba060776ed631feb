#!/usr/bin/env node
// Runs before node_modules exists, so: plain Node, no dependencies.
// Installs the locked dependencies (`npm ci`) when node_modules is missing or
// older than package-lock.json; otherwise does nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

function reason() {
  if (!existsSync(join(root, 'node_modules'))) return 'node_modules is missing';
  if (!existsSync(installed)) return 'node_modules/.package-lock.json is missing';
  if (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
    return 'package-lock.json is newer than node_modules';
  }
  return undefined;
}

const why = reason();
if (why !== undefined) {
  console.log(`[bootstrap] ${why}; running npm ci`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.error) {
    console.error(`[bootstrap] could not run npm ci: ${r.error.message}`);
    process.exit(1);
  }
  if (r.status !== 0) {
    console.error(`[bootstrap] npm ci failed (${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}
