#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so no build step stands between a clone and a run.
import { register } from 'tsx/esm/api';

// vitest and vite (hundreds of modules) load before tsx's hooks when a run is asked for: through
// them every module costs a round trip to the hooks' thread, about 0.6 s more per run.
if (process.argv[2] === 'run') await import('vitest/node');
register();
await import('../app/cli/main.ts');
