import { describe, expect, it } from 'vitest';
import type { AnyCase } from '../../harness/model/case.ts';
import { ALL_CASES } from '../../suites/index.ts';
import { REQUIREMENTS, type Requirement, type RequirementLevel } from '../../suites/requirements.ts';

/**
 * The project's standard: quote the RFC sentence a case enforces as published, grade at the RFC's own
 * keyword, and say "suite policy" where the suite is stricter. suites/requirements.ts holds the
 * sentences; these checks hold the catalogue to its own levels and the cases to the catalogue, so that
 * what a report shows a vendor between “ and ” is a sentence of the catalogue, and nothing else.
 */

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();
const byId = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/** RFC 2119 keywords, upper case only (BCP 14: lower-case words are not keywords). */
const KEYWORD: Partial<Record<RequirementLevel, RegExp>> = {
  MUST: /\b(MUST|REQUIRED|SHALL)\b(?! NOT)/,
  'MUST NOT': /\b(MUST NOT|SHALL NOT)\b/,
  SHOULD: /\b(SHOULD|RECOMMENDED)\b(?! NOT)/,
  'SHOULD NOT': /\b(SHOULD NOT|NOT RECOMMENDED)\b/,
  MAY: /\b(MAY|OPTIONAL)\b/,
};
const ANY_KEYWORD = /\b(MUST|REQUIRED|SHALL|SHOULD|RECOMMENDED|MAY|OPTIONAL)\b/;

/** MUST and MUST NOT weigh the same, as do SHOULD and SHOULD NOT. */
const weight = (level: RequirementLevel): string => ({ MUST: 'must', 'MUST NOT': 'must', SHOULD: 'should', 'SHOULD NOT': 'should' })[level as string] ?? level;
/** What a case grades at: a configuration finding is graded by the profile, not by its level. */
const gradeOf = (c: AnyCase): RequirementLevel => (c.finding === 'configuration' ? 'config' : c.level);

/** The parts of a text between “ and ”, cut where "…" marks words left out. */
const quoted = (text: string): string[] =>
  [...text.matchAll(/“([^“”]*)”/g)].flatMap((m) => (m[1] ?? '').split('…')).map(normalise).filter((part) => part.length > 0);

const verbatimOf = (requirements: readonly string[]): string[] =>
  requirements.flatMap((id) => byId.get(id)?.sources.filter((s) => !s.paraphrase).map((s) => normalise(s.text)) ?? []);

describe('the requirement catalogue (suites/requirements.ts)', () => {
  describe.each(REQUIREMENTS.map((r) => [r.id, r] as const))('%s', (_id, r: Requirement) => {
    it('cites at least one sentence, each with its RFC and section, the paraphrases marked', () => {
      expect(r.sources.length).toBeGreaterThan(0);
      for (const s of r.sources) {
        expect(s.rfc).toMatch(/^RFC \d+$/);
        expect(s.section).toMatch(/^[A-Z0-9][A-Za-z0-9.]*$/);
        expect(normalise(s.text)).toBe(s.text);
        expect(s.text, 'curly quotes are the cases\' mark of a quotation').not.toMatch(/[“”]/);
      }
    });

    it('states its level at the keyword of the first sentence it cites', () => {
      const first = r.sources[0]!;
      const keyword = KEYWORD[r.level];
      if (keyword) {
        expect(first.paraphrase, 'a level must rest on the RFC\'s own words').toBeUndefined();
        expect(first.text).toMatch(keyword);
      }
      if (r.level === 'no keyword') {
        expect(first.paraphrase).toBeUndefined();
        expect(first.text).not.toMatch(ANY_KEYWORD);
      }
    });

    it('says why where the cases grade at another level than the RFC\'s', () => {
      if (r.graded === undefined) return;
      expect(r.graded).not.toBe(r.level);
      expect(r.suitePolicy?.trim().length ?? 0).toBeGreaterThan(20);
    });
  });
});

describe('what each case shows as its source', () => {
  describe.each(ALL_CASES.map((c) => [c.id, c] as const))('%s', (_id, c: AnyCase) => {
    it('quotes the RFC, or says that it paraphrases', () => {
      if (c.source.text.startsWith('Paraphrase:')) return;
      expect(quoted(c.source.text).length, 'no “quotation” and no "Paraphrase:"').toBeGreaterThan(0);
    });

    it('quotes only sentences the catalogue holds, as published, for the requirements the case checks', () => {
      const sentences = verbatimOf(c.requirements);
      const unknown = quoted(c.source.text).filter((part) => !sentences.some((sentence) => sentence.includes(part)));
      expect(unknown).toEqual([]);
    });

    it('grades at the level the catalogue gives its first requirement', () => {
      if (c.level === 'INFO') return; // a record, not a grade
      const r = byId.get(c.requirements[0] ?? '');
      expect(r, c.requirements[0]).toBeDefined();
      expect(weight(gradeOf(c))).toBe(weight(r!.graded ?? r!.level));
    });

    it('says "suite policy" where the catalogue notes one for its first requirement', () => {
      if (!byId.get(c.requirements[0] ?? '')?.suitePolicy) return;
      expect(c.source.text).toMatch(/suite policy/i);
    });
  });
});
