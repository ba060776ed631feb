import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../harness/model/verdict.ts';
import { PORT_KINDS } from '../../harness/model/port.ts';
import { ALL_CASES, selectCases } from '../../suites/index.ts';

/** Every case in the catalogue carries what reports, waivers and selection rely on. */
describe('catalogue integrity (ALL_CASES)', () => {
  it('is not empty', () => {
    expect(ALL_CASES.length).toBeGreaterThan(0);
  });

  it('has unique ids of the form <area>/<section>/<name>', () => {
    const ids = ALL_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9.-]+\/[a-z0-9.-]+\/[a-z0-9.-]+$/);
  });

  describe.each(ALL_CASES.map((c) => [c.id, c] as const))('%s', (_id, testCase) => {
    it('names requirements from suites/requirements.ts (R<rfc>-, INJ-, SMUG-, T-, C-)', () => {
      expect(testCase.requirements.length).toBeGreaterThan(0);
      for (const requirement of testCase.requirements) expect(requirement).toMatch(/^(R\d{4}-|INJ-|SMUG-|T-|C-)/);
    });

    it('cites its source with an RFC, a section and the sentence', () => {
      expect(testCase.source.rfc).toMatch(/^RFC \d+$/);
      expect(testCase.source.section.trim()).not.toBe('');
      expect(testCase.source.text.trim()).not.toBe('');
    });

    it('lists at least one expected outcome, none blank', () => {
      expect(testCase.expected.length).toBeGreaterThan(0);
      for (const outcome of testCase.expected) expect(outcome.trim()).not.toBe('');
    });

    it('runs on at least one known port kind, without duplicates', () => {
      expect(testCase.ports.length).toBeGreaterThan(0);
      for (const port of testCase.ports) expect(PORT_KINDS).toContain(port);
      expect(new Set(testCase.ports).size).toBe(testCase.ports.length);
    });

    it('has a title, a known level and category, and both run and judge', () => {
      expect(testCase.title.trim()).not.toBe('');
      expect(LEVELS).toContain(testCase.level);
      expect(['conformance', 'security', 'tls', 'certificate']).toContain(testCase.category);
      expect(typeof testCase.run).toBe('function');
      expect(typeof testCase.judge).toBe('function');
    });

    it('cites its source RFC in its first R<rfc>- requirement ID (a model case checks rules of several RFCs)', () => {
      const rfc = testCase.requirements.map((r) => /^R(\d{4})-/.exec(r)?.[1]).find(Boolean);
      if (rfc) expect(testCase.source.rfc).toBe(`RFC ${rfc}`);
    });
  });

  it('selects every case with no filter, and by id prefix or requirement ID', () => {
    expect(selectCases()).toEqual([...ALL_CASES]);
    expect(selectCases(['injection/']).map((c) => c.id)).toEqual(ALL_CASES.filter((c) => c.id.startsWith('injection/')).map((c) => c.id));
    expect(selectCases(['INJ-1']).length).toBeGreaterThan(0);
  });
});
