import { register } from 'tsx/esm/api';

/**
 * Runs in the vitest worker before the case rows (case-rows.ts): tsx's loader, so that the harness and the
 * suites the rows import load as native modules (run-suite.ts externalizes them) rather than each
 * being transformed by vite in the CLI's thread. tsx caches its transforms on disk; vite would redo
 * them on every run.
 */
register();
