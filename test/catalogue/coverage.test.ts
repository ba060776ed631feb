import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverage } from '../../app/cli/coverage.ts';
import { requirementsMarkdown } from '../../app/cli/requirements-doc.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { REQUIREMENTS } from '../../suites/requirements.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('requirement traceability', () => {
  const rows = coverage(ALL_CASES);

  it.each(rows.map((r) => [r.requirement.id, r] as const))('%s has a case or a stated reason, not both', (_id, row) => {
    if (row.cases.length > 0) expect(row.requirement.gap, 'a covered requirement must drop its gap reason').toBeUndefined();
    else expect(row.requirement.gap?.trim().length ?? 0, 'an uncovered requirement needs a reason').toBeGreaterThan(10);
  });

  it('every requirement a case cites is in the catalogue', () => {
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    const unknown = ALL_CASES.flatMap((c) => c.requirements.filter((id) => !known.has(id)).map((id) => `${c.id}: ${id}`));
    expect(unknown).toEqual([]);
  });

  it('has one entry per requirement ID', () => {
    const ids = REQUIREMENTS.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('docs/requirements.md is generated from the catalogue and the current cases (run `npm run docs`)', () => {
    expect(readFileSync(resolve(ROOT, 'docs/requirements.md'), 'utf8')).toBe(requirementsMarkdown(rows));
  });
});
