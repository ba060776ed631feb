#!/usr/bin/env node
import { existsSync } from 'node:fs';

if (existsSync(new URL('../app/cli/main.ts', import.meta.url))) {
  // A clone: the CLI is TypeScript run through tsx (a dev dependency), so no build step stands between
  // an edit and a run. vitest and vite (hundreds of modules) load before tsx's hooks when a run is
  // asked for: through them every module costs a round trip to the hooks' thread, about 0.6 s more per run.
  if (process.argv[2] === 'run') await import('vitest/node');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../app/cli/main.ts');
} else {
  // The npm package: compiled JavaScript (npm run build), plain Node, no loader.
  await import('../dist/app/cli/main.js');
}
