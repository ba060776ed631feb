import { describe, expect, it } from 'vitest';
import { FLAWS } from '../../targets/flawed/flaws.ts';
import { VARIANTS } from '../../targets/flawed/variants.ts';
import { ALL_CASES } from '../../suites/index.ts';

/**
 * Each case carries its proof (harness/model/case.ts, CaseProof): the flaw that makes it fail and the
 * conformant variants it stays green on. Here, that every name in them is one the flawed target knows
 * (suites/ do not import targets/, so the names are strings there), and that every variant is named
 * by a case. flaw-switches.test.ts and conformant-variants.test.ts run them.
 */
const flaws: readonly string[] = FLAWS;
const variants: readonly string[] = VARIANTS;

describe.each(ALL_CASES.map((c) => [c.id, c] as const))('%s proof', (_id, testCase) => {
  const proof = testCase.proof;

  it('names a flaw of targets/flawed/flaws.ts, and its base flaws too', () => {
    expect(flaws).toContain(proof.flaw);
    for (const base of proof.base ?? []) expect(flaws).toContain(base);
    expect(proof.base ?? []).not.toContain(proof.flaw);
  });

  it('records behaviour (INFO) when it is proven by its Actual', () => {
    if (proof.actual) expect(proof.verdict).toBe('INFO');
  });

  it('names conformant variants of targets/flawed/variants.ts, each once', () => {
    const named = [...(proof.about ?? []), ...(proof.greenOn ?? [])];
    for (const variant of named) expect(variants).toContain(variant);
    expect(new Set(named).size, 'a variant is either one the case is about (may WARN) or one it stays green on').toBe(named.length);
  });
});

describe('conformant variants', () => {
  it.each(VARIANTS)('%s is named by at least one case (about or greenOn)', (variant) => {
    const naming = ALL_CASES.filter((c) => [...(c.proof.about ?? []), ...(c.proof.greenOn ?? [])].includes(variant));
    expect(naming.map((c) => c.id), `name ${variant} in the proof of the case whose oracle it exercises`).not.toEqual([]);
  });
});
