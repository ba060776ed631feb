// Regenerates docs/requirements.md from the requirement catalogue (suites/requirements.ts) and the cases.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { coverage } from '../app/cli/coverage.ts';
import { requirementsMarkdown } from '../app/cli/requirements-doc.ts';
import { ALL_CASES } from '../suites/index.ts';

const path = resolve(import.meta.dirname, '../docs/requirements.md');
writeFileSync(path, requirementsMarkdown(coverage(ALL_CASES)));
console.log(`wrote ${path}`);
