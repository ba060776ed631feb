// Regenerates docs/coverage.md from the requirement catalogue and the cases.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { coverage, coverageMarkdown } from '../harness/cli/coverage.ts';
import { ALL_CASES } from '../suites/index.ts';

const path = resolve(import.meta.dirname, '../docs/coverage.md');
writeFileSync(path, coverageMarkdown(coverage(ALL_CASES)));
console.log(`wrote ${path}`);
