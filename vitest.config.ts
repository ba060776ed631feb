import { defineConfig } from 'vitest/config';

/**
 * The project's own tests. The conformance run itself is a separate vitest invocation made by
 * `msaspec run` (app/cli/run-suite.ts), so its rows file (app/runner/case-rows.ts) is not collected here.
 */
export default defineConfig({
  test: {
    // Each MTA's end-to-end test lives in its folder (targets/<mta>/<mta>.test.ts).
    include: ['test/**/*.test.ts', 'targets/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 10 * 60_000,
    // Targets in containers are started once per file; two cores run two files at a time at most.
    maxWorkers: 2,
  },
});
